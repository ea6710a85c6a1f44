// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.testing.DriverRun;
import org.vdiskdoctor.testing.Repo;
import org.vdiskdoctor.testing.Tools;

/**
 * Test images from the real {@code qemu-img}/{@code qemu-io}, little-endian byte surgery on them, and a run of the
 * driver outside OSGi that fills in the catalog's default severities the way the engine does.
 */
final class VmdkFixture {

    static final String QEMU_IMG = "/usr/bin/qemu-img";
    static final String QEMU_IO = "/usr/bin/qemu-io";

    private VmdkFixture() {
    }

    /** Runs a command in {@code dir}: {exit code, output}. */
    static Object[] exec(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Tools.Run r = Tools.execIn(dir, cmd);
        return new Object[] { r.exit(), r.out() };
    }

    /** Runs {@code qemu-img args…} in {@code dir}; fails the test when it does not exit 0. */
    static String qemuImg(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(QEMU_IMG));
        cmd.addAll(List.of(args));
        Object[] r = exec(dir, cmd);
        assertEquals(0, r[0], () -> cmd + " failed: " + r[1]);
        return (String) r[1];
    }

    /** {@code qemu-img create -f vmdk -o subformat=… name size} plus {@code qemu-io} writes. */
    static Path create(Path dir, String name, String subformat, String size, String... writes) throws Exception {
        qemuImg(dir, "create", "-q", "-f", "vmdk", "-o", "subformat=" + subformat, name, size);
        Path f = dir.resolve(name);
        if (writes.length > 0) io(f, writes);
        return f;
    }

    /** A 3 MiB monolithicSparse image with data in its first and fifteenth grain. */
    static Path sparse(Path dir, String name) throws Exception {
        return create(dir, name, "monolithicSparse", "3M", "write -q -P 0xab 0 64k", "write -q -P 0xcd 1M 4k");
    }

    static void io(Path image, String... commands) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(QEMU_IO, "-f", "vmdk"));
        for (String c : commands) {
            cmd.add("-c");
            cmd.add(c);
        }
        cmd.add(image.toString());
        Object[] r = exec(image.getParent(), cmd);
        assertEquals(0, r[0], () -> cmd + " failed: " + r[1]);
        assertTrue(!r[1].toString().contains("error") && !r[1].toString().contains("failed"), () -> cmd + ": " + r[1]);
    }

    static void put(Path file, long offset, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b, offset + b.position());
        }
    }

    static void putByte(Path file, long offset, int value) throws IOException {
        put(file, offset, new byte[] { (byte) value });
    }

    static void putLe32(Path file, long offset, long value) throws IOException {
        put(file, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) value).array());
    }

    static void putLe64(Path file, long offset, long value) throws IOException {
        put(file, offset, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value).array());
    }

    static long le32(Path file, long offset) throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            return Integer.toUnsignedLong(s.read(offset, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        }
    }

    static long le64(Path file, long offset) throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            return s.read(offset, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    /**
     * Replaces {@code from} by {@code to} in a descriptor. In a sparse file the text up to the descriptor's NUL
     * padding is rewritten in place (the padding absorbs a longer text), so no other byte of the file moves.
     */
    static void replaceText(Path file, String from, String to) throws IOException {
        byte[] b = Files.readAllBytes(file);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.indexOf(from);
        assertTrue(at >= 0, () -> "'" + from + "' not in " + file);
        if (!s.startsWith("KDMV")) {
            Files.write(file, s.replace(from, to).getBytes(StandardCharsets.ISO_8859_1));
            return;
        }
        int end = s.indexOf('\0', at);
        String region = s.substring(at, end).replace(from, to);
        assertTrue(at + region.length() < end + 512, "no room in the descriptor padding");
        byte[] out = new byte[Math.max(region.length(), end - at)];
        System.arraycopy(region.getBytes(StandardCharsets.ISO_8859_1), 0, out, 0, region.length());
        put(file, at, out);
    }

    /** The byte offset of the first grain table entry: GD entry 0's table. */
    static long firstGte(Path f) throws IOException {
        long gd = le64(f, SparseHeader.OFF_GD);
        return le32(f, gd * 512) * 512;
    }

    /** The CID= value of a descriptor as stored (qemu-img writes it without leading zeros). */
    record Cid(Path file) {
        String value() throws IOException {
            String s = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\nCID=([0-9a-fA-F]+)").matcher(s);
            assertTrue(m.find(), "no CID in " + file);
            return m.group(1);
        }
    }

    /** This bundle's own catalog. */
    static FindingCatalog catalog() throws IOException {
        return Repo.ownCatalog();
    }

    /** Scores, opens, checks and describes {@code file} with a new driver, as the engine would. */
    static DriverRun run(Path file) throws IOException {
        return run(file, DeepCheck.OFF);
    }

    /** Like {@link #run(Path)}, with deep checks as given (on: compressed grains are inflated). */
    static DriverRun run(Path file, DeepCheck deep) throws IOException {
        // findings may name an extent rather than the descriptor: no file-name assertion
        return DriverRun.of(new VmdkDriver(), file, catalog(), deep, false);
    }
}
