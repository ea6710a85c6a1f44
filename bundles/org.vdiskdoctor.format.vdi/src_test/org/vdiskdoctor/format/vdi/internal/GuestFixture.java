// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

/** What QEMU reads as the guest disk ({@code qemu-img convert -f vdi -O raw}) and our driver's reads of it. */
final class GuestFixture {

    private GuestFixture() {
    }

    static byte[] qemuGuest(Path image) throws Exception {
        Path raw = image.resolveSibling(image.getFileName() + ".expected.raw");
        VdiFixture.qemuImg(image.getParent(), "convert", "-f", "vdi", "-O", "raw", image.getFileName().toString(),
                raw.getFileName().toString());
        byte[] b = Files.readAllBytes(raw);
        Files.delete(raw);
        return b;
    }

    /** An image opened by our driver, with its source and the findings of opening and checking it. */
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
        OpenedImage img = new VdiDriver().open(src, found::add, Monitor.NONE);
        img.check(found::add, Monitor.NONE);
        return new Opened(src, img, found);
    }

    /** The whole guest disk, read in chunks of {@code chunk} bytes (odd sizes cross block boundaries). */
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
            assertEquals(List.of(), o.findings(), what);
            assertSameGuest(expected, readAll(o.guest(), 777 * 1024 + 13), what);
            assertSameGuest(expected, readAll(o.guest(), 4096), what + " (4 KiB reads)");
        }
    }
}
