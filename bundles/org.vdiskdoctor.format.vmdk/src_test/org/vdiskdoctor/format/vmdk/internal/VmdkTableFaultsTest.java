// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.firstGte;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.le32;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.le64;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.putLe32;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.run;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.sparse;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.format.vmdk.VmdkCodes;
import org.vdiskdoctor.testing.DriverRun;

/**
 * Faults in grain directories and grain tables of a qemu-img monolithicSparse image (3 MiB: one grain table, GD
 * entry 0 at gdOffset, its table at the sector that entry names), made by overwriting u32 entries. Where qemu-img
 * check has something to say, its text is compared with ours.
 */
class VmdkTableFaultsTest {

    @TempDir
    Path dir;

    private static String qemuCheck(Path f) throws Exception {
        return (String) VmdkFixture.exec(f.getParent(), List.of(VmdkFixture.QEMU_IMG, "check", "-f", "vmdk",
                f.getFileName().toString()))[1];
    }

    @Test
    void directoryEntryPastTheEnd() throws Exception {
        Path f = sparse(dir, "gde.vmdk");
        long gd = le64(f, SparseHeader.OFF_GD) * 512;
        putLe32(f, gd, 999_999); // fault: GD entry 0 names a table at sector 999999
        assertTrue(run(f).has(VmdkCodes.GD_ENTRY_INVALID));
    }

    @Test
    void redundantTableDiffers() throws Exception {
        Path f = sparse(dir, "rgd.vmdk");
        long rgt = le32(f, le64(f, SparseHeader.OFF_RGD) * 512) * 512;
        putLe32(f, rgt + 4 * 7, 0x80); // fault: the redundant copy of GTE 7 (unallocated) now names sector 0x80
        DriverRun r = run(f);
        assertEquals(1, r.count(VmdkCodes.GD_REDUNDANT_MISMATCH), r::toString);
        assertTrue(qemuCheck(f).contains("No errors"), "qemu-img check never reads the redundant tables");
    }

    @Test
    void everyEntryPastTheEndIsReportedUnlikeQemu() throws Exception {
        Path f = sparse(dir, "eof.vmdk");
        long gte = firstGte(f);
        for (int i = 0; i < 25; i++) putLe32(f, gte + 4L * i, 100_000 + i); // fault: 25 GTEs past the end
        DriverRun r = run(f);
        // 20 one by one, then one summary with the total
        assertEquals(Problems.CAP + 1, r.count(VmdkCodes.GT_ENTRY_PAST_EOF), r::toString);
        assertTrue(r.findings().stream().anyMatch(x -> x.message().contains("25 entries in all")), r::toString);
        String q = qemuCheck(f);
        // qemu-img check stops at the first one
        assertTrue(q.contains("ERROR: cluster offset for sector 0 points after EOF"), q);
        assertEquals(1, q.split("points after EOF", -1).length - 1, q);
    }

    @Test
    void twoEntriesShareAGrain() throws Exception {
        Path f = sparse(dir, "dup.vmdk");
        long gte = firstGte(f);
        putLe32(f, gte + 4, le32(f, gte)); // fault: GTE 1 names the grain of GTE 0
        DriverRun r = run(f);
        assertEquals(1, r.count(VmdkCodes.GT_GRAIN_DUPLICATE), r::toString);
        assertTrue(qemuCheck(f).contains("No errors"), "qemu-img check does not look for shared grains");
    }

    @Test
    void grainInsideTheGrainTable() throws Exception {
        Path f = sparse(dir, "meta.vmdk");
        long gte = firstGte(f);
        putLe32(f, gte + 8, gte / 512); // fault: GTE 2 names the sector of its own grain table
        assertTrue(run(f).has(VmdkCodes.GT_GRAIN_OVERLAPS_METADATA));
    }
}
