// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vdiskdoctor.layout.gpt.internal.SgdiskReport.Kind;

/**
 * The reader of sgdisk -v text, on outputs of GPT fdisk 1.0.9 as they reach a pipe: standard error (load-time
 * messages, with BEL characters) before standard output (the verification).
 */
class SgdiskReportTest {

    @Test
    void alignmentAdviceAndBannersAreNoIssues() {
        SgdiskReport r = SgdiskReport.parse("""

                Caution: Partition 3 doesn't end on a 2048-sector boundary. This may
                result in problems with some disk encryption tools.

                No problems found. 2014 free sectors (1007.0 KiB) available in 1
                segments, the largest of which is 2014 (1007.0 KiB) in size.
                """);
        assertEquals(List.of(), r.issues());
        assertTrue(r.saysNoProblems());
        assertEquals("2014 free sectors (1007.0 KiB) available in 1 segments, the largest of which is 2014 (1007.0 "
                + "KiB) in size.", r.freeSpace());
        assertNull(r.identified());
    }

    @Test
    void loadTimeMessagesWithoutBlankLinesAreSeparateIssuesAndTheStatusBlockNamesTheDamagedCopies() {
        SgdiskReport r = SgdiskReport.parse("""
                \u0007Warning! Disk size is smaller than the main header indicates! Loading
                secondary header from the last sector of the disk!
                Caution: invalid backup GPT header, but valid main header; regenerating
                backup header from main header.

                Warning! One or more CRCs don't match. You should repair the disk!
                Main header: OK
                Backup header: ERROR
                Main partition table: OK
                Backup partition table: ERROR

                \u0007\u0007*****************************************************
                Caution: Found protective or hybrid MBR and corrupt GPT. Using GPT, but disk
                verification and recovery are STRONGLY recommended.
                *****************************************************

                Problem: Disk is too small to hold all the data!
                (Disk size is 122880 sectors, needs to be 131072 sectors.)

                Identified 1 problems!
                """);
        assertEquals(List.of(Kind.DISK_TOO_SMALL, Kind.CRC, Kind.CRC, Kind.CRC, Kind.DISK_TOO_SMALL),
                r.issues().stream().map(SgdiskReport.Issue::kind).toList(), r.issues().toString());
        assertEquals("Caution: invalid backup GPT header, but valid main header; regenerating backup header from main "
                + "header.", r.issues().get(1).text());
        assertEquals("Caution: Found protective or hybrid MBR and corrupt GPT. Using GPT, but disk verification and "
                + "recovery are STRONGLY recommended.", r.issues().get(3).text());
        assertEquals(List.of("backup header", "backup partition table"), r.damaged());
        assertEquals(1, r.identified());
        assertFalse(r.saysNoProblems());
    }

    @Test
    void aMadeUpTableIsNoGptAndOtherComplaintsAreOther() {
        SgdiskReport r = SgdiskReport.parse("""
                Creating new GPT entries in memory.

                Problem: partitions 2 and 1 overlap:
                  Partition 2: 30000 to 63487
                  Partition 1: 2048 to 43007

                Identified 1 problems!
                """);
        assertEquals(List.of(Kind.NO_GPT, Kind.OTHER), r.issues().stream().map(SgdiskReport.Issue::kind).toList());
        assertEquals("Problem: partitions 2 and 1 overlap: Partition 2: 30000 to 63487 Partition 1: 2048 to 43007",
                r.issues().get(1).text());
    }

    @Test
    void anyTextIsReadWithoutThrowing() {
        for (String text : List.of("", "\n\n\n", "Identified 99999999999 problems!", "\u0000\u0007*", "No problems "
                + "found. ")) {
            SgdiskReport r = SgdiskReport.parse(text);
            assertTrue(r.issues().size() <= 1, text);
        }
    }
}
