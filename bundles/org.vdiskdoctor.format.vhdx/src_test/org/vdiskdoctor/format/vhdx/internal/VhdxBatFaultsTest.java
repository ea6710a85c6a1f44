// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.vhdx.internal.VhdxFixture.BAT;
import static org.vdiskdoctor.format.vhdx.internal.VhdxFixture.META;
import static org.vdiskdoctor.format.vhdx.internal.VhdxFixture.run;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.format.vhdx.VhdxCodes;
import org.vdiskdoctor.testing.DriverRun;

/**
 * Faults in the BAT at 2 MiB of a 64 MiB qemu-img image with 1 MiB blocks (64 payload entries, chunk ratio 4096, so
 * no sector-bitmap entry) whose blocks 0 and 1 qemu-io filled. An entry is state | FileOffsetMB &lt;&lt; 20.
 */
class VhdxBatFaultsTest {

    @TempDir
    Path dir;

    private Path f;

    @BeforeEach
    void image() throws Exception {
        f = VhdxFixture.create(dir, "bat.vhdx", "64M", "-o", "block_size=1M");
        VhdxFixture.qemuIo(f, "write -P 0xab 0 2M");
        assertEquals(6, VhdxFixture.getLe64(f, BAT) & 7, "block 0 is FULLY_PRESENT");
    }

    @Test
    void healthyBeforeSurgery() throws Exception {
        DriverRun r = run(f);
        assertEquals(0, r.findings().size(), r::toString);
        assertEquals("2", r.structure().find("BAT", "FULLY_PRESENT").value());
        assertEquals("64", r.structure().find("BAT", "entries required").value());
    }

    @Test
    void batTooSmallForA64TiBDisk() throws Exception {
        long sizeAt = META + VhdxFixture.get(f, META + 64 + 16, 4).getInt(0);
        VhdxFixture.putLe64(f, sizeAt, 64L << 40); // fault: Virtual Disk Size 64 TiB; the 1 MiB BAT holds 131072
        DriverRun r = run(f);
        assertTrue(r.get(VhdxCodes.BAT_TOO_SMALL).message().contains("holds 131072 entries"), r::toString);
    }

    @Test
    void undefinedState() throws Exception {
        VhdxFixture.putLe64(f, BAT + 8 * 5, 4); // fault: entry 5 in state 4, which is not defined
        DriverRun r = run(f);
        assertTrue(r.get(VhdxCodes.BAT_BAD_STATE).message().contains("BAT entry 5 (payload block 5) has undefined"
                + " state 4"), r::toString);
    }

    @Test
    void blockPastTheEndOfTheFile() throws Exception {
        VhdxFixture.putLe64(f, BAT + 8 * 7, (1000L << 20) | 6); // fault: block 7 at 1000 MiB, FULLY_PRESENT
        DriverRun r = run(f);
        assertTrue(r.get(VhdxCodes.BAT_PAST_EOF).message().contains("BAT entry 7"), r::toString);
    }

    @Test
    void blockInsideTheMetadataRegion() throws Exception {
        VhdxFixture.putLe64(f, BAT + 8 * 3, (3L << 20) | 6); // fault: block 3 at 3 MiB, the metadata region
        DriverRun r = run(f);
        assertTrue(r.get(VhdxCodes.BAT_BAD_OFFSET).message().contains("inside the metadata region"), r::toString);
    }

    @Test
    void twoBlocksAtTheSameOffset() throws Exception {
        VhdxFixture.putLe64(f, BAT + 8 * 9, VhdxFixture.getLe64(f, BAT)); // fault: block 9 := block 0's entry
        DriverRun r = run(f);
        assertTrue(r.get(VhdxCodes.BAT_OVERLAP).message().contains("BAT entry 9"), r::toString);
    }

    @Test
    void everyBadEntryIsCountedBeyondTheCap() throws Exception {
        for (int i = 10; i < 40; i++) VhdxFixture.putLe64(f, BAT + 8L * i, 5); // fault: 30 entries in state 5
        DriverRun r = run(f);
        assertEquals(Problems.CAP, r.count(VhdxCodes.BAT_BAD_STATE), r::toString);
        assertTrue(r.get(VhdxCodes.BAT_MORE_BAD).message().startsWith(f + ": 30 BAT entries have"), r::toString);
        Object[] q = VhdxFixture.qemuCheck(f);
        // qemu-img check does not walk the BAT at all: it opens the image and finds nothing
        assertTrue(q[1].toString().contains("No errors were found"), q[1]::toString);
    }
}
