// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.fs.ntfs.NtfsCodes;
import org.vdiskdoctor.testing.ByteSurgery;
import org.vdiskdoctor.testing.Findings;
import org.vdiskdoctor.testing.Tools;

/**
 * One fault per finding code, each by documented byte surgery on a 40 MiB NTFS from mkntfs (layout in
 * {@link NtfsFixture#ntfsFile}), with ntfsfix -n's or ntfsinfo's text on the same bytes where it has something to say.
 */
class NtfsFaultsTest {

    private static final long MFT = 4 * 4096;
    private static final long MIRR = 5119L * 4096;
    private static final long LAST_SECTOR = 81919L * 512;
    /** Flags of $VOLUME_INFORMATION: record 3, attribute at 400, value at +24, flags at value +10. */
    private static final int VOLUME_FLAGS = 3 * 1024 + 400 + 24 + 10;

    @TempDir
    Path tmp;

    private Path fs;

    private Path fresh() throws Exception {
        fs = NtfsFixture.ntfs(tmp, "fs-" + System.nanoTime() + ".img");
        return fs;
    }

    @Test
    void damagedPrimaryBootSectorWithAValidBackup() throws Exception {
        ByteSurgery.write(fresh(), 3, "XXXX".getBytes(StandardCharsets.US_ASCII)); // fault: OEM name overwritten
        SubjectResult r = NtfsFixture.diagnose(fs);
        Finding f = Findings.only(r, NtfsCodes.BOOT_SECTOR_INVALID);
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("OEM name \"XXXX    \" is not \"NTFS    \""), f.message());
        assertTrue(f.message().contains("backup boot sector in the last sector (byte " + LAST_SECTOR + ") is valid"),
                f.message());
        assertEquals("ntfs", r.volumes().get(0).filesystem(), "recognised by its backup");
        assertTrue(Findings.codes(r).contains(NtfsCodes.FOUND), "checked on with the backup");
        assertTrue(NtfsFixture.ntfsfix(fs).contains("The alternate bootsector is usable"), NtfsFixture.ntfsfix(fs));
    }

    @Test
    void filesystemLargerThanItsVolume() throws Exception {
        Tools.run("truncate", "-s", "30M", fresh().toString()); // fault: the last 10 MiB cut off
        Finding f = Findings.only(NtfsFixture.diagnose(fs), NtfsCodes.SIZE_BEYOND_VOLUME);
        assertTrue(f.message().contains("81919 sectors of 512 bytes but its volume has only 31457280 bytes"),
                f.message());
        assertTrue(NtfsFixture.ntfsfix(fs).contains("Checking file system overflow... FAILED"));
    }

    @Test
    void missingBackupBootSector() throws Exception {
        ByteSurgery.write(fresh(), LAST_SECTOR, new byte[512]); // fault: backup boot sector zeroed
        Finding f = Findings.only(NtfsFixture.diagnose(fs), NtfsCodes.BACKUP_BOOT_INVALID);
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.message().contains("no valid backup boot sector at byte " + LAST_SECTOR
                + " (just past the 81919 counted sectors)"), f.message());
        assertTrue(NtfsFixture.ntfsfix(fs).contains("Checking the alternate boot sector... BAD"));
    }

    @Test
    void mftMirrorClusterOutsideTheVolume() throws Exception {
        ByteSurgery.putInt(fresh(), 56, 0xFFFFFF); // fault: $MFTMirr LCN 16777215 in the primary only
        SubjectResult r = NtfsFixture.diagnose(fs);
        Finding f = Findings.only(r, NtfsCodes.MFT_OUTSIDE_VOLUME);
        assertTrue(f.message().contains("$MFTMirr at cluster 16777215 (clusters of 4096 bytes) lies outside"),
                f.message());
        assertTrue(Findings.only(r, NtfsCodes.BACKUP_BOOT_INVALID).message().contains("differs from the primary"));
        assertTrue(NtfsFixture.ntfsfix(fs).contains("$MFTMirr LCN (16777215) is greater than the number of clusters"));
    }

    @Test
    void tornMftRecordWithAnIntactMirror() throws Exception {
        ByteSurgery.write(fresh(), MFT + 510, (byte) 0x77); // fault: record 0's first sector without its USN
        Finding f = Findings.only(NtfsFixture.diagnose(fs), NtfsCodes.MFT_RECORD_INVALID);
        assertTrue(f.message().contains("MFT record 0 ($MFT): sector 0 of the record ends in 0x0077, not the update "
                + "sequence number"), f.message());
        assertTrue(f.message().contains("the copy in $MFTMirr is intact"), f.message());
        assertTrue(NtfsFixture.ntfsfix(fs).contains("Incomplete multi-sector transfer"), NtfsFixture.ntfsfix(fs));
    }

    @Test
    void mirrorDiffersFromMft() throws Exception {
        ByteSurgery.write(fresh(), MIRR + 1024 + 200, (byte) 0x77); // fault: a byte of record 1's mirror copy
        Finding f = Findings.only(NtfsFixture.diagnose(fs), NtfsCodes.MFTMIRR_DIFFERS);
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("$MFTMirr does not match $MFT (record 1 ($MFTMirr), first difference at byte "
                + "200"), f.message());
        assertTrue(NtfsFixture.ntfsfix(fs).contains("$MFTMirr does not match $MFT (record 1)"));
    }

    @Test
    void dirtyVolume() throws Exception {
        ByteSurgery.write(fresh(), MFT + VOLUME_FLAGS, (byte) 1); // fault: dirty flag, in $MFT and in $MFTMirr
        ByteSurgery.write(fs, MIRR + VOLUME_FLAGS, (byte) 1);
        SubjectResult r = NtfsFixture.diagnose(fs);
        Finding f = Findings.only(r, NtfsCodes.VOLUME_DIRTY);
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.message().contains("dirty flag set (volume flags 0x0001, NTFS 3.1)"), f.message());
        assertFalse(Findings.codes(r).contains(NtfsCodes.MFTMIRR_DIFFERS));
        assertTrue(Tools.exec("ntfsinfo", "-m", fs.toString()).out().contains("Volume is scheduled for check"));
    }

    /** ntfsfix without -n tries a read-write mount, where ntfs-3g checks hiberfil.sys: on a copy, it may write. */
    private String ntfsfixReadWrite(Path image) throws Exception {
        Path copy = tmp.resolve("copy-" + System.nanoTime() + ".img");
        java.nio.file.Files.copy(image, copy);
        return Tools.exec("ntfsfix", copy.toString()).out();
    }

    @Test
    void hibernatedWindowsAndAResumedOne() throws Exception {
        // fault: a hiberfil.sys in the root directory whose data starts "hibr", written from the spec (HiberfilWriter)
        HiberfilWriter.write(fresh(), "hibr\0\0\0\0".getBytes(StandardCharsets.US_ASCII), 10000);
        HiberfilWriter.listInRoot(fs);
        SubjectResult r = NtfsFixture.diagnose(fs);
        Finding f = Findings.only(r, NtfsCodes.HIBERNATED);
        assertTrue(f.message().contains("hiberfil.sys (MFT record 23) starts with \"hibr\""), f.message());
        assertEquals(java.util.List.of(NtfsCodes.HIBERNATED), Findings.problems(r).stream().map(Finding::code)
                .toList(), "the record and the index are sound: no other finding");
        assertTrue(ntfsfixReadWrite(fs).contains("Windows is hibernated, refused to mount"));
        // found by the record scan when the root index does not list it; the header in any case, resident here
        HiberfilWriter.write(fresh(), "WAKE".getBytes(StandardCharsets.US_ASCII));
        assertTrue(Findings.codes(NtfsFixture.diagnose(fs)).contains(NtfsCodes.HIBERNATED));
        // resumed: Windows zeroes the header
        HiberfilWriter.write(fresh(), new byte[8], 10000);
        HiberfilWriter.listInRoot(fs);
        assertFalse(Findings.codes(NtfsFixture.diagnose(fs)).contains(NtfsCodes.HIBERNATED));
        assertFalse(ntfsfixReadWrite(fs).contains("hibernated"));
    }
}
