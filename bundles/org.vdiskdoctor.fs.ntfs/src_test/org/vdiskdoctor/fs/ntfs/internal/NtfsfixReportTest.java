// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The reading of ntfsfix's text, where libntfs-3g's complaints on standard error cut a step from its verdict: on
 * ntfsfix -n's real output for a primary boot sector whose $MFTMirr cluster lies outside the volume, and in a seeded
 * mutation loop that never throws.
 */
class NtfsfixReportTest {

    /** ntfsfix -n (ntfs-3g 2022.10.3) on the 40 MiB mkntfs volume with the LCN of $MFTMirr set to 16777215. */
    private static final String MIRROR_LCN = """
            Mounting volume... $MFT LCN (4) or $MFTMirr LCN (16777215) is greater than the number of clusters (10239).
            FAILED
            Attempting to correct errors... $MFT LCN (4) or $MFTMirr LCN (16777215) is greater than the number of \
            clusters (10239).
            FAILED
            Failed to startup volume: Invalid argument
            $MFT LCN (4) or $MFTMirr LCN (16777215) is greater than the number of clusters (10239).
            Trying the alternate boot sector
            The alternate bootsector is usable
            The startup data can be fixed, but no change was requested
            Volume is corrupt. You should run chkdsk.
            No change made
            """;

    @Test
    void verdictsAfterAComplaintBelongToTheirStepAndRepeatedLinesCountOnce() {
        NtfsfixReport r = NtfsfixReport.parse(MIRROR_LCN);
        assertEquals(List.of("$MFT LCN (4) or $MFTMirr LCN (16777215) is greater than the number of clusters (10239).",
                "Trying the alternate boot sector", "The alternate bootsector is usable",
                "The startup data can be fixed, but no change was requested", "Volume is corrupt. You should run chkdsk."),
                r.problems());
        assertEquals(List.of(), r.mirror());
        assertEquals(List.of(), r.backupBoot());
        assertFalse(r.success());
    }

    @Test
    void aFailedMountThatNothingExplainsIsAProblem() {
        NtfsfixReport r = NtfsfixReport.parse("Mounting volume... FAILED\nAttempting to correct errors... FAILED\n");
        assertEquals(List.of("Mounting volume... FAILED", "Attempting to correct errors... FAILED"), r.problems());
    }

    @Test
    void mutatedTextNeverThrows() {
        Random random = new Random(0x5EED_1F5L);
        for (int i = 0; i < 20_000; i++) {
            char[] c = MIRROR_LCN.toCharArray();
            for (int k = random.nextInt(8); k >= 0; k--) {
                c[random.nextInt(c.length)] = "\n .:$OKFAILED\r\u2028".charAt(random.nextInt(14));
            }
            NtfsfixReport r = NtfsfixReport.parse(new String(c, 0, random.nextInt(c.length + 1)));
            assertTrue(r.problems().size() + r.mirror().size() + r.backupBoot().size() >= 0);
        }
        assertTrue(NtfsfixReport.parse("").problems().isEmpty());
    }
}
