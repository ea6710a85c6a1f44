// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
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
 * Test images from the real {@code qemu-img}/{@code qemu-io}, little-endian byte surgery on them, and a run of the
 * driver outside OSGi that fills in the catalog's default severities the way the engine does.
 */
final class VdiFixture {

    static final String QEMU_IMG = "/usr/bin/qemu-img";
    static final String QEMU_IO = "/usr/bin/qemu-io";

    private VdiFixture() {
    }

    /** Runs {@code cmd} in {@code dir}: exit code and output (stdout and stderr). */
    static Object[] exec(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Tools.Run r = Tools.execIn(dir, cmd);
        return new Object[] { r.exit(), r.out() };
    }

    /** Runs {@code qemu-img args…} in {@code dir}; fails the test when it does not exit 0. */
    static String qemuImg(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(QEMU_IMG);
        cmd.addAll(List.of(args));
        Object[] r = exec(dir, cmd);
        assertEquals(0, r[0], () -> cmd + " failed: " + r[1]);
        return (String) r[1];
    }

    /** Runs each {@code qemu-io} command (e.g. {@code write -P 0x11 0 4k}) on the VDI image. */
    static void qemuIo(Path image, String... commands) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(QEMU_IO, "-f", "vdi"));
        for (String c : commands) {
            cmd.add("-c");
            cmd.add(c);
        }
        cmd.add(image.toString());
        Object[] r = exec(image.getParent(), cmd);
        assertEquals(0, r[0], () -> cmd + " failed: " + r[1]);
        String out = (String) r[1];
        assertTrue(!out.contains("error") && !out.contains("failed") && !out.contains("Pattern verification"),
                () -> cmd + ": " + out);
    }

    /** {@code qemu-img create -f vdi [options…] name size} in {@code dir}. */
    static Path create(Path dir, String name, String size, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("create", "-q", "-f", "vdi"));
        args.addAll(List.of(options));
        args.add(name);
        args.add(size);
        qemuImg(dir, args.toArray(String[]::new));
        return dir.resolve(name);
    }

    /** A 5 MiB dynamic image with data in blocks 0 and 3 (data blocks 0 and 1). */
    static Path dynamic(Path dir, String name) throws Exception {
        Path f = create(dir, name, "5M");
        qemuIo(f, "write -q -P 0xab 0 64k", "write -q -P 0xcd 3M 4k");
        return f;
    }

    static void put(Path file, long offset, ByteBuffer bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) ch.write(bytes, offset + bytes.position());
        }
    }

    static void putInt(Path file, long offset, long value) throws IOException {
        put(file, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) value));
    }

    static void putLong(Path file, long offset, long value) throws IOException {
        put(file, offset, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value));
    }

    static void putBytes(Path file, long offset, byte[] b) throws IOException {
        put(file, offset, ByteBuffer.wrap(b));
    }

    static long getInt(Path file, long offset) throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            return Integer.toUnsignedLong(s.read(offset, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    /** The file offset of block map entry {@code block} (qemu-img puts the map at 0x200). */
    static long entry(Path file, long block) throws IOException {
        return getInt(file, VdiHeader.OFF_BLOCKS) + 4 * block;
    }

    /** This bundle's own catalog. */
    static FindingCatalog catalog() throws IOException {
        return Repo.ownCatalog();
    }

    /** Scores, opens, checks and describes {@code file} with a new driver, as the engine would. */
    static DriverRun run(Path file) throws IOException {
        return DriverRun.of(new VdiDriver(), file, catalog());
    }
}
