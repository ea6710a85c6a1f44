// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.vhd.internal.VhdFixture.create;
import static org.vdiskdoctor.format.vhd.internal.VhdFixture.io;
import static org.vdiskdoctor.format.vhd.internal.VhdFixture.qemuGuest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.testing.DriverRun;

/**
 * Healthy images from qemu-img (fixed and dynamic, force_size on and off) give no findings, the size qemu reports,
 * and guest bytes identical to {@code qemu-img convert -f vpc -O raw}, whole and in odd-sized pieces.
 */
class VhdGuestReadTest {

    @TempDir
    Path dir;

    static byte[] ours(Path f) throws IOException {
        try (ImageSource src = ImageSource.open(f);
                OpenedImage img = new VhdDriver().open(src, x -> { }, Monitor.NONE)) {
            GuestReader g = (GuestReader) img;
            byte[] out = new byte[(int) g.guestSize()];
            g.readGuest(0, ByteBuffer.wrap(out));
            return out;
        }
    }

    private void sameAsQemu(Path f) throws Exception {
        DriverRun r = VhdFixture.run(f);
        assertEquals(List.of(), r.findings(), r::toString);
        byte[] expected = qemuGuest(f);
        assertEquals(expected.length, r.virtualSize());
        assertArrayEquals(expected, ours(f), f::toString);
    }

    private static final String[] WRITES = { "write -P 0xab 0 64k", "write -P 0x11 1536k 1m", "write -P 0x7c 3000k 5k" };

    @Test
    void dynamicDiskReadsLikeQemu() throws Exception {
        Path f = create(dir, "d.vhd", "5M");
        io(f, WRITES);
        sameAsQemu(f);
    }

    @Test
    void dynamicDiskWithForcedSizeReadsLikeQemu() throws Exception {
        Path f = create(dir, "d2.vhd", "5M", "-o", "force_size=on");
        io(f, WRITES);
        sameAsQemu(f);
        assertEquals(5 << 20, VhdFixture.run(f).virtualSize());
    }

    @Test
    void fixedDisksReadLikeQemu() throws Exception {
        Path f = create(dir, "f.vhd", "5M", "-o", "subformat=fixed");
        io(f, WRITES);
        sameAsQemu(f);
        Path g = create(dir, "g.vhd", "5M", "-o", "subformat=fixed,force_size=on");
        io(g, WRITES);
        sameAsQemu(g);
    }

    @Test
    void piecesAcrossBlockBoundariesMatchTheWhole() throws Exception {
        Path f = create(dir, "p.vhd", "5M");
        io(f, WRITES);
        byte[] whole = qemuGuest(f);
        try (ImageSource src = ImageSource.open(f);
                OpenedImage img = new VhdDriver().open(src, x -> { }, Monitor.NONE)) {
            GuestReader g = (GuestReader) img;
            for (long at : new long[] { 0, 1, 511, 2 * 1024 * 1024 - 7, 1536 * 1024 - 100, whole.length - 9000 }) {
                byte[] part = new byte[9000];
                g.readGuest(at, ByteBuffer.wrap(part));
                byte[] want = java.util.Arrays.copyOfRange(whole, (int) at, (int) at + 9000);
                assertArrayEquals(want, part, "at " + at);
            }
            assertThrows(IOException.class, () -> g.readGuest(whole.length - 10, ByteBuffer.allocate(11)));
            assertTrue(g.guestSize() == whole.length);
        }
    }
}
