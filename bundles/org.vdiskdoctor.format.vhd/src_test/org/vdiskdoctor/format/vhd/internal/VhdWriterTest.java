// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vdiskdoctor.format.vhd.internal.VhdFixture.qemuGuest;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.testing.DriverRun;

/**
 * Proves {@link VhdWriter}: a dynamic disk it writes is read by {@code qemu-img convert} exactly as the writer's
 * model says (and by us), so the differencing disks it writes for the chain tests follow the same layout. Then our
 * differencing reads: bitmap bit 1 from the child, 0 from the parent.
 */
class VhdWriterTest {

    @TempDir
    Path dir;

    static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (seed + i * 31 + (i >> 9));
        return b;
    }

    @Test
    void dynamicDiskFromTheWriterReadsTheSameInQemu() throws Exception {
        VhdWriter w = new VhdWriter(3 << 20, 1 << 20).write(0, pattern(4096, 1)).write(1536 * 1024, pattern(
                1 << 20, 7)).write((3 << 20) - 512, pattern(512, 9));
        Path f = w.writeTo(dir.resolve("w.vhd"));
        byte[] model = w.model(null);
        assertArrayEquals(model, qemuGuest(f));
        DriverRun r = VhdFixture.run(f);
        assertEquals(List.of(), r.findings(), r::toString);
        assertArrayEquals(model, VhdGuestReadTest.ours(f));
    }

    @Test
    void differencingReadsFallThroughSectorBySector() throws Exception {
        byte[] base = pattern(3 << 20, 3);
        Path parentFile = new VhdWriter(3 << 20, 1 << 20).write(0, base).writeTo(dir.resolve("p.vhd"));
        // child sectors 1, 2 and 5 of block 0, and the middle of block 2; block 1 is not allocated
        VhdWriter w = new VhdWriter(3 << 20, 1 << 20).parent(new byte[16], 0, "p.vhd")
                .write(512, pattern(1024, 50)).write(2560, pattern(512, 60)).write(2 * (1 << 20) + 4096,
                        pattern(8192, 70));
        Path child = w.writeTo(dir.resolve("c.vhd"));
        byte[] expected = w.model(base);
        try (ImageSource ps = ImageSource.open(parentFile); ImageSource cs = ImageSource.open(child);
                OpenedImage parent = new VhdDriver().open(ps, x -> { }, Monitor.NONE);
                OpenedImage img = new VhdDriver().open(cs, x -> { }, Monitor.NONE)) {
            ((VhdGuestImage) img).attachBacking(parent);
            GuestReader g = (GuestReader) img;
            byte[] all = new byte[3 << 20];
            g.readGuest(0, ByteBuffer.wrap(all));
            assertArrayEquals(expected, all);
            byte[] part = new byte[3000];
            g.readGuest(300, ByteBuffer.wrap(part));
            assertArrayEquals(Arrays.copyOfRange(expected, 300, 3300), part);
        }
    }
}
