// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

/**
 * Guest-read test images from the real {@code qemu-img} and {@code qemu-io}, the guest content QEMU itself sees
 * ({@code qemu-img convert -O raw}), and our driver's reads of the same image.
 */
final class GuestFixture {

    static final String QEMU_IO = "/usr/bin/qemu-io";

    private GuestFixture() {
    }

    /** {@code qemu-img create -f qcow2 [options…] name size} in {@code dir}. */
    static Path create(Path dir, String name, String size, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("create", "-q", "-f", "qcow2"));
        args.addAll(List.of(options));
        args.add(name);
        args.add(size);
        Qcow2Fixture.qemuImg(dir, args.toArray(String[]::new));
        return dir.resolve(name);
    }

    /** Runs each {@code qemu-io} command (e.g. {@code write -P 0x11 0 4k}) on the QCOW2 image {@code image}. */
    static void io(Path image, String... commands) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(QEMU_IO, "-f", "qcow2"));
        for (String c : commands) {
            cmd.add("-c");
            cmd.add(c);
        }
        cmd.add(image.toString());
        Process p = new ProcessBuilder(cmd).directory(image.getParent().toFile()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "qemu-io timed out: " + cmd);
        assertEquals(0, p.exitValue(), () -> cmd + " failed: " + out);
        assertTrue(!out.contains("error") && !out.contains("failed"), () -> cmd + ": " + out);
    }

    /** What QEMU reads as the guest disk of {@code image} (with its backing chain). */
    static byte[] qemuGuest(Path image) throws Exception {
        Path raw = image.resolveSibling(image.getFileName() + ".expected.raw");
        Qcow2Fixture.qemuImg(image.getParent(), "convert", "-O", "raw", image.getFileName().toString(),
                raw.getFileName().toString());
        byte[] b = Files.readAllBytes(raw);
        Files.delete(raw);
        return b;
    }

    /** An image opened by our driver, with its source and the findings of opening it. */
    record Opened(ImageSource source, OpenedImage image, List<Finding> findings) implements AutoCloseable {
        GuestReader guest() {
            assertTrue(image instanceof GuestReader, () -> source.path() + " is no GuestReader: " + findings);
            return (GuestReader) image;
        }

        @Override
        public void close() throws IOException {
            try {
                image.close();
            } finally {
                source.close();
            }
        }
    }

    static Opened open(Path image) throws IOException {
        ImageSource src = ImageSource.open(image);
        List<Finding> found = new ArrayList<>();
        OpenedImage img = new Qcow2Driver().open(src, found::add, Monitor.NONE);
        img.check(found::add, Monitor.NONE);
        return new Opened(src, img, found);
    }

    /** The whole guest disk, read in chunks of {@code chunk} bytes (odd sizes cross cluster boundaries). */
    static byte[] readAll(GuestReader g, int chunk) throws IOException {
        long size = g.guestSize();
        byte[] all = new byte[(int) size];
        ByteBuffer b = ByteBuffer.wrap(all);
        while (b.hasRemaining()) {
            ByteBuffer part = b.slice(b.position(), (int) Math.min(chunk, b.remaining()));
            g.readGuest(b.position(), part);
            assertEquals(0, part.remaining(), "readGuest did not fill the buffer");
            b.position(b.position() + part.position());
        }
        return all;
    }

    /** Asserts equal content, naming the first differing byte (assertArrayEquals prints megabytes). */
    static void assertSameGuest(byte[] expected, byte[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": guest size");
        int at = java.util.Arrays.mismatch(expected, actual);
        assertEquals(-1, at, () -> what + ": first difference at guest offset " + at + " (0x"
                + Integer.toHexString(at) + "): expected " + expected[at] + ", read " + actual[at]);
    }

    /** Opens {@code image}, reads its whole guest disk and compares it with what QEMU reads. */
    static void assertReadsLikeQemu(Path image, String what) throws Exception {
        byte[] expected = qemuGuest(image);
        try (Opened o = open(image)) {
            assertSameGuest(expected, readAll(o.guest(), 777 * 1024 + 13), what);
            assertSameGuest(expected, readAll(o.guest(), 4096), what + " (4 KiB reads)");
        }
    }

    /** The L2 cache of an opened guest image. */
    static L2Cache cache(Opened o) {
        return ((Qcow2GuestImage) o.image()).reads().l2Cache();
    }

    /** The host offset of the L2 table of L1 entry {@code l1Index}. */
    static long l2TableOffset(Path image, int l1Index) throws IOException {
        long l1 = Qcow2Fixture.getLong(image, Qcow2Header.OFF_L1_OFFSET);
        return ClusterEntries.l1Offset(Qcow2Fixture.getLong(image, l1 + 8L * l1Index));
    }
}
