// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The parser of sgdisk -v text, on outputs seen from sgdisk 1.0.9. */
class SgdiskVerdictTest {

    @Test
    void alignmentAdviceOnAHealthyDiskIsNoProblem() {
        SgdiskVerdict v = SgdiskVerdict.parse(0, """

                Caution: Partition 3 doesn't end on a 2048-sector boundary. This may
                result in problems with some disk encryption tools.

                No problems found. 2014 free sectors (1007.0 KiB) available in 1
                segments, the largest of which is 2014 (1007.0 KiB) in size.
                """);
        assertFalse(v.reportsProblem(), v.problems().toString());
        assertTrue(v.saysNoProblems());
    }

    @Test
    void backupNotAtTheEndIsAProblemDespiteExitZero() {
        SgdiskVerdict v = SgdiskVerdict.parse(0, """

                Problem: The secondary header's self-pointer indicates that it doesn't reside
                at the end of the disk. If you've added a disk to a RAID array, use the 'e'
                option on the experts' menu to adjust the secondary header's and partition
                table's locations.

                Identified 1 problems!
                """);
        assertEquals(2, v.problems().size(), v.problems().toString());
        assertTrue(v.problems().get(0).startsWith("Problem: The secondary header's self-pointer"));
    }

    @Test
    void crcReportAndCrashesAreProblems() {
        assertTrue(SgdiskVerdict.parse(0, """
                Caution: invalid main GPT header, but valid backup; regenerating main header
                from backup!

                Main header: ERROR
                Backup header: OK
                """).reportsProblem());
        assertTrue(SgdiskVerdict.parse(134, "terminate called after throwing an instance of 'std::bad_alloc'\n")
                .reportsProblem());
    }
}
