// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

/** Guest reads compared byte for byte with {@code qemu-img convert -O raw}. */
class VhdxGuestReadTest {

    @TempDir
    Path dir;

    static byte[] ours(Path f, int chunk) throws IOException {
        try (ImageSource src = ImageSource.open(f);
                OpenedImage img = new VhdxDriver().open(src, x -> {
                }, Monitor.NONE)) {
            assertTrue(img instanceof GuestReader, "guest reader");
            return VhdxFixture.readAll((GuestReader) img, chunk);
        }
    }

    private void assertSameAsQemu(Path f) throws Exception {
        byte[] expected = VhdxFixture.qemuRaw(f);
        // an odd chunk size, so reads cross block boundaries at odd places
        assertArrayEquals(expected, ours(f, 65536 + 7), f.toString());
        assertArrayEquals(expected, ours(f, 1 << 20), f.toString());
    }

    @Test
    void dynamicImageWithDataAndHoles() throws Exception {
        Path f = VhdxFixture.create(dir, "dyn.vhdx", "24M", "-o", "block_size=1M");
        VhdxFixture.qemuIo(f, "write -P 0xab 0 64k", "write -P 0xcd 3000k 2M", "write -P 0x11 23M 1M",
                "write -z 10M 2M");
        assertSameAsQemu(f);
    }

    @Test
    void fixedImage() throws Exception {
        Path f = VhdxFixture.create(dir, "fixed.vhdx", "8M", "-o", "subformat=fixed");
        VhdxFixture.qemuIo(f, "write -P 0x5a 1M 100k", "write -P 0x77 7M 1M");
        assertSameAsQemu(f);
    }

    @Test
    void convertedRandomDataWithLargeBlocks() throws Exception {
        byte[] raw = new byte[12 << 20];
        Random rnd = new Random(7);
        for (int i = 0; i < raw.length; i += 4096) {
            if (rnd.nextInt(5) == 0) Arrays.fill(raw, i, i + 4096, (byte) rnd.nextInt());
        }
        Path r = dir.resolve("in.raw");
        java.nio.file.Files.write(r, raw);
        VhdxFixture.qemuImg(dir, "convert", "-f", "raw", "-O", "vhdx", "-o", "block_size=4M", "in.raw", "c.vhdx");
        Path f = dir.resolve("c.vhdx");
        assertSameAsQemu(f);
        assertArrayEquals(raw, ours(f, 1 << 20));
    }

    @Test
    void readsPastTheEndAndThroughADamagedEntryFailCleanly() throws Exception {
        Path f = VhdxFixture.create(dir, "end.vhdx", "8M");
        VhdxFixture.qemuIo(f, "write -P 0xab 0 64k");
        VhdxFixture.putLe64(f, VhdxFixture.BAT, (1000L << 20) | 6); // fault: block 0 at 1000 MiB, past EOF
        try (ImageSource src = ImageSource.open(f);
                OpenedImage img = new VhdxDriver().open(src, x -> {
                }, Monitor.NONE)) {
            GuestReader g = (GuestReader) img;
            assertEquals(8 << 20, g.guestSize());
            IOException e = assertThrows(IOException.class, () -> g.readGuest(0, ByteBuffer.allocate(512)));
            assertTrue(e.getMessage().contains("outside the file"), e.getMessage());
            assertThrows(IOException.class, () -> g.readGuest((8 << 20) - 100, ByteBuffer.allocate(512)));
        }
    }
}
