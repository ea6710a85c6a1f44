// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.testing.DriverRun;
import org.vdiskdoctor.testing.Repo;
import org.vdiskdoctor.testing.Tools;

/**
 * Test images from the real {@code qemu-img}/{@code qemu-io} (format {@code vpc}), byte surgery on them (with the
 * checksums recomputed where the test wants only one fault), and a run of the driver outside OSGi that fills in the
 * catalog's default severities the way the engine does.
 */
final class VhdFixture {

    private VhdFixture() {
    }

    /** Runs a command in {@code dir}; fails the test when it does not exit 0 within 120 s. Returns its output. */
    static String exec(Path dir, String... cmd) throws IOException, InterruptedException {
        Tools.Run r = Tools.execIn(dir, List.of(cmd));
        assertEquals(0, r.exit(), () -> List.of(cmd) + " failed: " + r.out());
        return r.out();
    }

    /** {@code qemu-img create -q -f vpc [options…] name size} in {@code dir}. */
    static Path create(Path dir, String name, String size, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/qemu-img", "create", "-q", "-f", "vpc"));
        cmd.addAll(List.of(options));
        cmd.add(name);
        cmd.add(size);
        exec(dir, cmd.toArray(String[]::new));
        return dir.resolve(name);
    }

    /** {@code qemu-io -f vpc -c <command>…} on {@code file}. */
    static void io(Path file, String... commands) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/qemu-io", "-f", "vpc"));
        for (String c : commands) {
            cmd.add("-c");
            cmd.add(c);
        }
        cmd.add(file.toString());
        String out = exec(file.getParent(), cmd.toArray(String[]::new));
        assertTrue(!out.contains("failed") && !out.contains("error"), out);
    }

    /** What the guest sees according to {@code qemu-img convert -f vpc -O raw}. */
    static byte[] qemuGuest(Path file) throws Exception {
        Path raw = file.resolveSibling(file.getFileName() + ".qemu.raw");
        exec(file.getParent(), "/usr/bin/qemu-img", "convert", "-f", "vpc", "-O", "raw", file.toString(),
                raw.toString());
        byte[] b = Files.readAllBytes(raw);
        Files.delete(raw);
        return b;
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

    static void putInt(Path file, long offset, int value) throws IOException {
        put(file, offset, ByteBuffer.allocate(4).putInt(0, value).array());
    }

    static void putLong(Path file, long offset, long value) throws IOException {
        put(file, offset, ByteBuffer.allocate(8).putLong(0, value).array());
    }

    static int getInt(Path file, long offset) throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            return s.read(offset, 4).getInt();
        }
    }

    static long getLong(Path file, long offset) throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            return s.read(offset, 8).getLong();
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    /** The offset of the footer at the end of the file. */
    static long tail(Path file) throws IOException {
        return Files.size(file) - 512;
    }

    /** Recomputes the checksum of the 512-byte footer at {@code offset}, so a surgery there is the only fault. */
    static void fixFooter(Path file, long offset) throws IOException {
        fix(file, offset, 512, Footer.OFF_CHECKSUM);
    }

    /** Recomputes the checksum of the dynamic header at {@code offset}. */
    static void fixDynamic(Path file, long offset) throws IOException {
        fix(file, offset, 1024, DynamicHeader.OFF_CHECKSUM);
    }

    private static void fix(Path file, long offset, int length, int field) throws IOException {
        byte[] b;
        try (ImageSource s = ImageSource.open(file)) {
            b = new byte[length];
            s.read(offset, length).get(b);
        }
        putInt(file, offset + field, (int) Footer.checksum(b, field));
    }

    /** Writes {@code value} into both footers of a dynamic disk (at 0 and at the end) and fixes both checksums. */
    static void putFooterInt(Path file, int field, int value) throws IOException {
        for (long at : new long[] { 0, tail(file) }) {
            putInt(file, at + field, value);
            fixFooter(file, at);
        }
    }

    /** Like {@link #putFooterInt} for a u64 field. */
    static void putFooterLong(Path file, int field, long value) throws IOException {
        for (long at : new long[] { 0, tail(file) }) {
            putLong(file, at + field, value);
            fixFooter(file, at);
        }
    }

    /** The catalog of core and this bundle. */
    static FindingCatalog catalog() throws IOException {
        return Repo.catalog(List.of("org.vdiskdoctor.core", "org.vdiskdoctor.format.vhd"));
    }

    /** Scores, opens, checks and describes {@code file} with a new driver, as the engine would. */
    static DriverRun run(Path file) throws IOException {
        return DriverRun.of(new VhdDriver(), file, catalog());
    }
}
