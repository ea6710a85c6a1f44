// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.testing.DriverRun;

/** Proves the test-side {@link VhdxWriter}: qemu-img checks and reads its dynamic images as it wrote them. */
class VhdxWriterTest {

    @TempDir
    Path dir;

    @Test
    void dynamicImageFromTheWriterReadsTheSameInQemuAndHere() throws Exception {
        long mib = 1 << 20;
        byte[] b0 = new byte[(int) mib];
        Arrays.fill(b0, (byte) 0x3c);
        byte[] b5 = new byte[(int) mib];
        for (int i = 0; i < b5.length; i++) b5[i] = (byte) (i * 31);
        Path f = dir.resolve("w.vhdx");
        new VhdxWriter(8 * mib, mib).block(0, b0).block(5, b5).state(2, Bat.ZERO).write(f);
        Object[] q = VhdxFixture.qemuCheck(f);
        assertEquals(0, q[0], q[1]::toString);
        assertTrue(q[1].toString().contains("No errors were found"), q[1]::toString);
        byte[] expected = new byte[(int) (8 * mib)];
        System.arraycopy(b0, 0, expected, 0, b0.length);
        System.arraycopy(b5, 0, expected, (int) (5 * mib), b5.length);
        assertArrayEquals(expected, VhdxFixture.qemuRaw(f), "qemu reads what the writer wrote");
        assertArrayEquals(expected, VhdxGuestReadTest.ours(f, 100_000), "we read what the writer wrote");
        DriverRun r = VhdxFixture.run(f);
        assertEquals(0, r.findings().size(), r::toString);
    }
}
