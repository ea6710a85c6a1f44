// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.vdi.internal.VdiFixture.dynamic;
import static org.vdiskdoctor.format.vdi.internal.VdiFixture.entry;
import static org.vdiskdoctor.format.vdi.internal.VdiFixture.putInt;
import static org.vdiskdoctor.format.vdi.internal.VdiFixture.run;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.format.vdi.VdiCodes;
import org.vdiskdoctor.testing.DriverRun;

/**
 * Block map faults made by byte surgery on qemu-img images (see {@link VdiFixture#dynamic}: guest blocks 0 and 3 use
 * data blocks 0 and 1; blocks 1, 2 and 4 are free). Every bad entry is reported, with its own 4 bytes as evidence.
 */
class VdiBlockMapTest {

    @TempDir
    Path dir;

    @Test
    void entryPastTheAllocatedBlocks() throws Exception {
        Path f = dynamic(dir, "a.vdi");
        putInt(f, entry(f, 1), 7); // fault: free block 1 now points at data block 7 (2 are allocated)
        DriverRun r = run(f);
        assertEquals(List.of(VdiCodes.BMAP_INDEX_OUT_OF_RANGE), r.codes(), r::toString);
        assertEquals(new Evidence(f, 0x204, 4), r.get(VdiCodes.BMAP_INDEX_OUT_OF_RANGE).evidence().get(0));
    }

    @Test
    void twoBlocksShareOneDataBlock() throws Exception {
        Path f = dynamic(dir, "a.vdi");
        putInt(f, entry(f, 3), 0); // fault: block 3 points at data block 0, which block 0 uses
        DriverRun r = run(f);
        assertEquals(List.of(VdiCodes.BMAP_DUPLICATE), r.codes(), r::toString);
        String m = r.get(VdiCodes.BMAP_DUPLICATE).message();
        assertTrue(m.contains("block 3 and block 0") && m.contains("data block 0"), m);
    }

    @Test
    void truncatedCopyLosesTheLastDataBlock() throws Exception {
        Path f = dynamic(dir, "a.vdi");
        VdiFixture.truncate(f, 0x400 + (1 << 20)); // fault: the file ends after data block 0 (interrupted copy)
        DriverRun r = run(f);
        assertEquals(List.of(VdiCodes.FILE_TRUNCATED, VdiCodes.BMAP_DATA_PAST_EOF), r.codes(), r::toString);
        assertTrue(r.get(VdiCodes.FILE_TRUNCATED).message().contains("data for only 1 blocks"), r::toString);
        assertTrue(r.get(VdiCodes.BMAP_DATA_PAST_EOF).message().contains("block 3 "), r::toString);
    }

    @Test
    void allocatedCountDiffersFromTheMap() throws Exception {
        Path f = dynamic(dir, "a.vdi");
        putInt(f, entry(f, 3), 0xFFFFFFFFL); // fault: block 3 freed in the map, the header still counts 2
        DriverRun r = run(f);
        assertEquals(List.of(VdiCodes.BMAP_ALLOCATED_MISMATCH), r.codes(), r::toString);
        assertTrue(r.get(VdiCodes.BMAP_ALLOCATED_MISMATCH).message().contains("says 2"), r::toString);
    }

    @Test
    void everyBadEntryIsCountedButOnlyTwentyListed() throws Exception {
        Path f = VdiFixture.create(dir, "big.vdi", "64M");
        for (int i = 0; i < 30; i++) putInt(f, entry(f, 2 * i), 1000 + i); // fault: 30 entries past 0 allocated
        DriverRun r = run(f);
        assertEquals(BlockMapCheck.LIMIT + 1, r.count(VdiCodes.BMAP_INDEX_OUT_OF_RANGE), r::toString);
        assertTrue(r.toString().contains("30 block map entries in total"), r::toString);
    }
}
