// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

/**
 * The guest's logical sector size comes from the Logical Sector Size metadata item, so that partition tables of a
 * 4K-native VHDX (Hyper-V: New-VHD -LogicalSectorSizeBytes 4096) are read in 4096-byte sectors.
 */
class VhdxSectorSizeTest {

    @TempDir
    Path dir;

    private static int sectorSize(Path f) throws Exception {
        try (ImageSource src = ImageSource.open(f);
                OpenedImage img = new VhdxDriver().open(src, x -> {
                }, Monitor.NONE)) {
            return ((GuestReader) img).logicalSectorSize();
        }
    }

    @Test
    void qemuImgWrites512ByteSectors() throws Exception {
        assertEquals(512, sectorSize(VhdxFixture.create(dir, "q.vhdx", "8M")));
    }

    @Test
    void a4096ByteSectorImageSaysSoAndReadsTheBlocksAsWritten() throws Exception {
        long mib = 1 << 20;
        byte[] b1 = new byte[(int) mib];
        Arrays.fill(b1, (byte) 0x4b);
        Path f = dir.resolve("4k.vhdx");
        new VhdxWriter(8 * mib, mib).logicalSector(4096).block(1, b1).write(f);
        assertEquals(4096, sectorSize(f));
        byte[] expected = new byte[(int) (8 * mib)];
        System.arraycopy(b1, 0, expected, (int) mib, b1.length);
        // QEMU's vhdx driver reads only 512-byte-sector images (block/vhdx.c), so it cannot cross-read this one
        Object[] q = VhdxFixture.qemuCheck(f);
        assertTrue(q[1].toString().contains("Operation not supported"), q[1]::toString);
        assertArrayEquals(expected, VhdxGuestReadTest.ours(f, 100_000), "we read what the writer wrote");
        assertEquals(0, VhdxFixture.run(f).findings().size(), VhdxFixture.run(f)::toString);
    }
}
