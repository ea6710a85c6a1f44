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
import org.vdiskdoctor.format.vdi.VdiCodes;
import org.vdiskdoctor.testing.DriverRun;

/**
 * Our verdict next to {@code qemu-img check}'s text on the same images (its exit code alone says little: 2 for any
 * corruption). Where qemu-img sees nothing (data past the end of a cut file) we go beyond it; see
 * docs/formats-beyond-qemu.md.
 */
class VdiCheckCrossTest {

    @TempDir
    Path dir;

    private String qemuCheck(Path f) throws Exception {
        Object[] r = VdiFixture.exec(dir, List.of(VdiFixture.QEMU_IMG, "check", "-f", "vdi", f.toString()));
        return r[0] + ":" + r[1];
    }

    @Test
    void healthyImageBothClean() throws Exception {
        Path f = dynamic(dir, "ok.vdi");
        assertTrue(qemuCheck(f).contains("No errors were found"), () -> "qemu-img: " + f);
        assertEquals(List.of(), run(f).findings());
    }

    @Test
    void duplicateAndOutOfRangeAndMismatchAgree() throws Exception {
        Path dup = dynamic(dir, "dup.vdi");
        putInt(dup, entry(dup, 3), 0); // fault: blocks 0 and 3 share data block 0
        assertTrue(qemuCheck(dup).contains("also used by"), () -> "qemu-img: " + dup);
        assertTrue(run(dup).has(VdiCodes.BMAP_DUPLICATE));

        Path range = dynamic(dir, "range.vdi");
        putInt(range, entry(range, 1), 7); // fault: block 1 points at data block 7
        String q = qemuCheck(range);
        assertTrue(q.contains("block index 1 too large, is 7"), q);
        assertTrue(run(range).has(VdiCodes.BMAP_INDEX_OUT_OF_RANGE));

        Path count = dynamic(dir, "count.vdi");
        putInt(count, entry(count, 3), 0xFFFFFFFFL); // fault: block 3 freed, header still counts 2
        String qc = qemuCheck(count);
        assertTrue(qc.contains("allocated blocks mismatch, is 1, should be 2"), qc);
        DriverRun r = run(count);
        assertTrue(r.get(VdiCodes.BMAP_ALLOCATED_MISMATCH).message().contains("says 2 blocks are allocated, but the"
                + " block map has 1"), r::toString);
    }

    @Test
    void truncatedCopyIsCleanForQemuButNotForUs() throws Exception {
        Path f = dynamic(dir, "cut.vdi");
        VdiFixture.truncate(f, 0x400 + (1 << 20)); // fault: data block 1 (guest block 3) cut off
        String q = qemuCheck(f);
        assertTrue(q.startsWith("0:") && q.contains("No errors were found"), q);
        DriverRun r = run(f);
        assertTrue(r.has(VdiCodes.BMAP_DATA_PAST_EOF) && r.has(VdiCodes.FILE_TRUNCATED), r::toString);
    }
}
