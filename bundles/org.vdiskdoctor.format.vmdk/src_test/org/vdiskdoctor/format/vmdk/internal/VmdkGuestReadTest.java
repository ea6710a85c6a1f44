// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.testing.DriverRun;

/** Our guest reads of every layout compared byte for byte with {@code qemu-img convert -O raw}. */
class VmdkGuestReadTest {

    @TempDir
    Path dir;

    static byte[] qemuGuest(Path image) throws Exception {
        Path raw = image.resolveSibling(image.getFileName() + ".expected.raw");
        VmdkFixture.qemuImg(image.getParent(), "convert", "-f", "vmdk", "-O", "raw", image.getFileName().toString(),
                raw.getFileName().toString());
        byte[] b = Files.readAllBytes(raw);
        Files.delete(raw);
        return b;
    }

    static byte[] readAll(GuestReader g, int chunk) throws Exception {
        byte[] all = new byte[(int) g.guestSize()];
        ByteBuffer b = ByteBuffer.wrap(all);
        while (b.hasRemaining()) {
            ByteBuffer part = b.slice(b.position(), Math.min(chunk, b.remaining()));
            g.readGuest(b.position(), part);
            assertEquals(0, part.remaining(), "readGuest did not fill the buffer");
            b.position(b.position() + part.position());
        }
        return all;
    }

    static void assertSame(byte[] expected, byte[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": guest size");
        int at = java.util.Arrays.mismatch(expected, actual);
        assertEquals(-1, at, () -> what + ": first difference at guest offset " + at);
    }

    static void assertReadsLikeQemu(Path image, String what) throws Exception {
        byte[] expected = qemuGuest(image);
        try (ImageSource src = ImageSource.open(image);
                OpenedImage img = new VmdkDriver().open(src, f -> { }, Monitor.NONE)) {
            assertTrue(img instanceof GuestReader, what + " is no GuestReader");
            assertSame(expected, readAll((GuestReader) img, 100_000 + 7), what);
            assertSame(expected, readAll((GuestReader) img, 4096), what + " (4 KiB reads)");
        }
    }

    @Test
    void everyQemuSubformat() throws Exception {
        for (String sub : List.of("monolithicSparse", "monolithicFlat", "twoGbMaxExtentSparse",
                "twoGbMaxExtentFlat", "streamOptimized")) {
            // qemu writes streamOptimized only sequentially: convert a written sparse image into it
            boolean stream = sub.equals("streamOptimized");
            Path f = VmdkFixture.create(dir, sub + ".vmdk", stream ? "monolithicSparse" : sub, "3M",
                    "write -q -P 0xab 0 64k", "write -q -P 0xcd 1000k 70k", "write -q -P 0x5c 3068k 4k");
            if (stream) {
                VmdkFixture.qemuImg(dir, "convert", "-O", "vmdk", "-o", "subformat=streamOptimized", sub + ".vmdk",
                        "converted.vmdk");
                f = dir.resolve("converted.vmdk");
            }
            assertReadsLikeQemu(f, sub);
        }
    }

    @Test
    void multiExtentDescriptorWithFlatAndSparseExtents() throws Exception {
        multi("multi.vmdk", "");
        assertReadsLikeQemu(dir.resolve("multi.vmdk"), "multi-extent");
    }

    @Test
    void zeroExtentReadsZerosAndShiftsTheNextExtent() throws Exception {
        // qemu skips a ZERO extent line (its descriptor parser wants a file name), so the disk QEMU sees is 512 KiB
        // smaller and the sparse extent moves up; the expected guest is built from the parts instead
        Path f = multi("zero.vmdk", "RW 1024 ZERO\n");
        DriverRun r = VmdkFixture.run(f);
        assertEquals(List.of(), r.findings(), r::toString);
        byte[] flat = Files.readAllBytes(dir.resolve("part-flat.bin"));
        byte[] sparse = qemuGuest(dir.resolve("part-s.vmdk"));
        byte[] expected = new byte[flat.length + 1024 * 512 + sparse.length];
        System.arraycopy(flat, 0, expected, 0, flat.length);
        System.arraycopy(sparse, 0, expected, flat.length + 1024 * 512, sparse.length);
        try (ImageSource src = ImageSource.open(f);
                OpenedImage img = new VmdkDriver().open(src, x -> { }, Monitor.NONE)) {
            assertSame(expected, readAll((GuestReader) img, 65536 + 3), "flat + ZERO + sparse");
        }
    }

    /** A descriptor of a 1 MiB flat extent, {@code middle} lines, and a 3 MiB sparse extent with data. */
    private Path multi(String name, String middle) throws Exception {
        byte[] flat = new byte[2048 * 512];
        java.util.Arrays.fill(flat, (byte) 0x42);
        Files.write(dir.resolve("part-flat.bin"), flat);
        if (!Files.exists(dir.resolve("part-s.vmdk"))) {
            VmdkFixture.create(dir, "part-s.vmdk", "monolithicSparse", "3M", "write -q -P 0x77 512k 64k");
        }
        Path f = dir.resolve(name);
        Files.writeString(f, "# Disk DescriptorFile\nversion=1\nCID=fffffffe\nparentCID=ffffffff\n"
                + "createType=\"twoGbMaxExtentSparse\"\nRW 2048 FLAT \"part-flat.bin\" 0\n" + middle
                + "RW 6144 SPARSE \"part-s.vmdk\"\n");
        return f;
    }
}
