// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

/**
 * Guest reads checked against QEMU: the guest disk QEMU itself sees ({@code qemu-img convert -O raw}), a driver's
 * reads of the same image in chunks of any size, and a comparison that names the first differing byte.
 */
public final class GuestReads {

    private GuestReads() {
    }

    /**
     * What QEMU reads as the guest disk of {@code image} (with its backing chain).
     *
     * @param format the image's format for {@code -f}, or null to let qemu-img probe it
     */
    public static byte[] qemuGuest(Path image, String format) throws IOException, InterruptedException {
        Path raw = image.resolveSibling(image.getFileName() + ".expected.raw");
        List<String> cmd = new ArrayList<>(List.of("qemu-img", "convert"));
        if (format != null) cmd.addAll(List.of("-f", format));
        // in the image's folder: qemu resolves relative names in the image (backing, external data file) from there
        cmd.addAll(List.of("-O", "raw", image.getFileName().toString(), raw.getFileName().toString()));
        Tools.runIn(image.getParent(), cmd.toArray(String[]::new));
        byte[] b = Files.readAllBytes(raw);
        Files.delete(raw);
        return b;
    }

    /**
     * An image opened by a driver, with its source and the findings of opening and checking it.
     *
     * @param source the open file, closed with the image
     * @param image the driver's image
     * @param findings what opening and checking it found
     */
    public record Opened(ImageSource source, OpenedImage image, List<Finding> findings) implements AutoCloseable {
        /** The image as a guest reader; asserts that it is one. */
        public GuestReader guest() {
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

    /** Opens and checks {@code image} with {@code driver}, as the engine would before reading it. */
    public static Opened open(FormatDriver driver, Path image) throws IOException {
        ImageSource src = ImageSource.open(image);
        List<Finding> found = new ArrayList<>();
        OpenedImage img = driver.open(src, found::add, Monitor.NONE);
        img.check(found::add, Monitor.NONE);
        return new Opened(src, img, found);
    }

    /** The whole guest disk, read in chunks of {@code chunk} bytes (odd sizes cross block and cluster boundaries). */
    public static byte[] readAll(GuestReader g, int chunk) throws IOException {
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
    public static void assertSameGuest(byte[] expected, byte[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": guest size");
        int at = Arrays.mismatch(expected, actual);
        assertEquals(-1, at, () -> what + ": first difference at guest offset " + at + " (0x"
                + Integer.toHexString(at) + "): expected " + expected[at] + ", read " + actual[at]);
    }

    /** Reads the whole guest disk twice (odd chunks crossing boundaries, then 4 KiB) and compares both. */
    public static void assertReadsLike(byte[] expected, GuestReader g, String what) throws IOException {
        assertSameGuest(expected, readAll(g, 777 * 1024 + 13), what);
        assertSameGuest(expected, readAll(g, 4096), what + " (4 KiB reads)");
    }
}
