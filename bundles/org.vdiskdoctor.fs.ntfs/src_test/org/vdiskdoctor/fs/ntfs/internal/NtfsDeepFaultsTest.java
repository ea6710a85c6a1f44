// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.fs.ntfs.NtfsCodes;
import org.vdiskdoctor.testing.ByteSurgery;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Findings;
import org.vdiskdoctor.testing.Tools;

/**
 * One fault per deep-check code, by documented byte surgery on the 40 MiB NTFS of {@link NtfsFixture#ntfsFile}
 * ($MFT at byte 16384, $MFTMirr at cluster 5119, the backup boot sector in sector 81919). Each test first runs
 * ntfsfix -n itself on the same bytes and asserts the text our finding is derived from, then diagnoses with --deep
 * through the engine, on the raw file (read in place), a QCOW2 copy or a partitioned disk (both read through a
 * temporary copy).
 */
class NtfsDeepFaultsTest {

    private static final long MFT = 4 * 4096;
    private static final long MIRR = 5119L * 4096;
    private static final long LAST_SECTOR = 81919L * 512;

    @TempDir
    Path tmp;

    private Path fs;

    private Path fresh() throws Exception {
        fs = NtfsFixture.ntfs(tmp, "fs-" + System.nanoTime() + ".img");
        return fs;
    }

    /** ntfsfix -n on the filesystem file, asserting that its text says {@code expected}. */
    private Tools.Run ntfsfixSays(String expected) throws Exception {
        Tools.Run r = Tools.exec("ntfsfix", "-n", fs.toString());
        assertTrue(r.out().contains(expected), r.out());
        return r;
    }

    private SubjectResult deep(Path image) throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work-" + System.nanoTime()));
        return NtfsFixture.diagnose(image, DeepCheck.in(work));
    }

    private static Finding only(SubjectResult r, FindingCode code, Severity severity, String quoted) {
        Finding f = Findings.only(r, code);
        assertEquals(severity, f.severity());
        assertTrue(f.message().contains(quoted), f.message());
        assertFalse(Findings.codes(r).contains(NtfsCodes.DEEP_CLEAN), r.findings()::toString);
        return f;
    }

    @Test
    void mirrorDiffersOnTheRawImage() throws Exception {
        ByteSurgery.write(fresh(), MIRR + 1024 + 200, (byte) 0x77); // fault: a byte of record 1's mirror copy
        assertEquals(1, ntfsfixSays("Comparing $MFTMirr to $MFT... FAILED").exit());
        SubjectResult r = deep(fs);
        only(r, NtfsCodes.DEEP_MFTMIRR_DIFFERS, Severity.ERROR, "ntfsfix -n says: \"$MFTMirr does not match $MFT "
                + "(record 1).\"; \"Comparing $MFTMirr to $MFT... FAILED\"");
        // the failed mount and remount follow from the mirror alone; what -n claims to correct is not a finding
        assertFalse(Findings.codes(r).contains(NtfsCodes.DEEP_PROBLEMS), r.findings()::toString);
    }

    @Test
    void badBackupBootSectorInAQcow2() throws Exception {
        ByteSurgery.write(fresh(), LAST_SECTOR, new byte[512]); // fault: backup boot sector zeroed
        ntfsfixSays("Checking the alternate boot sector... BAD");
        SubjectResult r = deep(Disks.qcow2(fs));
        only(r, NtfsCodes.DEEP_BACKUP_BOOT_BAD, Severity.WARNING,
                "ntfsfix -n says: \"Checking the alternate boot sector... BAD\"");
        assertFalse(Findings.codes(r).contains(NtfsCodes.DEEP_PROBLEMS), r.findings()::toString);
    }

    @Test
    void tornMftRecordInAGptPartition() throws Exception {
        ByteSurgery.write(fresh(), MFT + 510, (byte) 0x77); // fault: record 0's first sector without its USN
        ntfsfixSays("Volume is corrupt. You should run chkdsk.");
        Finding f = only(deep(NtfsFixture.partitioned(tmp, "disk.img", "gpt", fs)), NtfsCodes.DEEP_PROBLEMS,
                Severity.ERROR, "ntfsfix -n found problems (exit code 1, 4 distinct lines): \"Incomplete "
                        + "multi-sector transfer: magic: 0x454c4946");
        // each line once, though ntfsfix repeats them at every mount attempt; the failed mount itself is implied
        assertTrue(f.message().endsWith("\"Record 0 has no FILE magic (0x44414142)\"; \"Failed to load $MFT: "
                + "Input/output error\"; \"Volume is corrupt. You should run chkdsk.\""), f.message());
    }

    @Test
    void hibernationAndTheDirtyFlagAreInvisibleToNtfsfixButNotToTheProbe() throws Exception {
        // fault: a hibernated Windows (hiberfil.sys starting "hibr", see HiberfilWriter) whose volume is dirty
        HiberfilWriter.write(fresh(), "hibr\0\0\0\0".getBytes(StandardCharsets.US_ASCII), 10000);
        HiberfilWriter.listInRoot(fs);
        int volumeFlags = 3 * 1024 + 400 + 24 + 10;
        ByteSurgery.write(fs, MFT + volumeFlags, (byte) 1);
        ByteSurgery.write(fs, MIRR + volumeFlags, (byte) 1);
        assertEquals(0, ntfsfixSays("was processed successfully").exit());
        SubjectResult r = deep(fs);
        assertTrue(Findings.only(r, NtfsCodes.DEEP_CLEAN).message().contains("does not look for hibernation"));
        assertEquals(Set.of(NtfsCodes.VOLUME_DIRTY, NtfsCodes.HIBERNATED), Findings.problems(r).stream()
                .map(Finding::code).collect(Collectors.toSet()));
    }
}
