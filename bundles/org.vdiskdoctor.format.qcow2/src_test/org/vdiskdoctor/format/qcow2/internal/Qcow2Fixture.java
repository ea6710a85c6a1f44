// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.testing.DriverRun;
import org.vdiskdoctor.testing.Repo;

/**
 * Test images from the real {@code qemu-img}, byte surgery on them, and a run of the driver outside OSGi that fills
 * in the catalog's default severities the way the engine does.
 */
final class Qcow2Fixture {

    static final String QEMU_IMG = "/usr/bin/qemu-img";

    private Qcow2Fixture() {
    }

    /** Runs {@code qemu-img args…} in {@code dir}; fails the test when it does not exit 0. */
    static String qemuImg(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(QEMU_IMG);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "qemu-img timed out: " + cmd);
        assertEquals(0, p.exitValue(), () -> cmd + " failed: " + out);
        return out;
    }

    /** {@code qemu-img create -f qcow2 [options…] name 1M} in {@code dir}. */
    static Path create(Path dir, String name, String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("create", "-q", "-f", "qcow2"));
        args.addAll(List.of(options));
        args.add(name);
        args.add("1M");
        qemuImg(dir, args.toArray(String[]::new));
        return dir.resolve(name);
    }

    /**
     * {@code qemu-img create -f qcow2} of a LUKS-encrypted image of {@code size} (secret {@code s0} = "pw") with
     * {@code options} added to {@code -o}. qemu-img times its PBKDF2 benchmark with getrusage and sometimes fails
     * with "Unable to get accurate CPU usage" (on a busy machine, and at times on an idle one): that is qemu-img's
     * flake, not a fault under test, so it is tried again with longer iteration times.
     */
    static Path createLuks(Path dir, String name, String size, String options)
            throws IOException, InterruptedException {
        AssertionError last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                Files.deleteIfExists(dir.resolve(name));
                qemuImg(dir, "create", "-q", "-f", "qcow2", "--object", "secret,id=s0,data=pw", "-o",
                        (options.isEmpty() ? "" : options + ",") + "encrypt.format=luks,encrypt.key-secret=s0,"
                                + "encrypt.iter-time=" + (50 << attempt), name, size);
                return dir.resolve(name);
            } catch (AssertionError e) {
                if (!String.valueOf(e.getMessage()).contains("accurate CPU usage")) throw e;
                last = e;
            }
        }
        throw last;
    }

    static void put(Path file, long offset, ByteBuffer bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) ch.write(bytes, offset + bytes.position());
        }
    }

    static void putByte(Path file, long offset, int value) throws IOException {
        put(file, offset, ByteBuffer.wrap(new byte[] { (byte) value }));
    }

    static void putInt(Path file, long offset, int value) throws IOException {
        put(file, offset, ByteBuffer.allocate(4).putInt(0, value));
    }

    static void putLong(Path file, long offset, long value) throws IOException {
        put(file, offset, ByteBuffer.allocate(8).putLong(0, value));
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

    /** Sets {@code bits} in the big-endian u64 at {@code offset}. */
    static void orLong(Path file, long offset, long bits) throws IOException {
        putLong(file, offset, getLong(file, offset) | bits);
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    /** The offset of the first header extension of {@code type}, or -1. */
    static long findExtension(Path file, int type) throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            long at = Integer.toUnsignedLong(s.read(100, 4).getInt());
            while (at + 8 <= 65536) {
                ByteBuffer b = s.read(at, 8);
                int t = b.getInt();
                long len = Integer.toUnsignedLong(b.getInt());
                if (t == type) return at;
                if (t == 0) return -1;
                at += 8 + ((len + 7) & ~7L);
            }
            return -1;
        }
    }

    /** This bundle's own catalog. */
    static FindingCatalog catalog() throws IOException {
        return Repo.ownCatalog();
    }

    /** Scores, opens, checks and describes {@code file} with a new driver, as the engine would. */
    static DriverRun run(Path file) throws IOException {
        return DriverRun.of(new Qcow2Driver(), file, catalog());
    }
}
