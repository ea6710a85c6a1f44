// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.fat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.fs.fat.FatCodes;
import org.vdiskdoctor.testing.ByteSurgery;
import org.vdiskdoctor.testing.Findings;
import org.vdiskdoctor.testing.Tools;

/**
 * One fault per finding code, each by documented byte surgery on a 40 MiB FAT32 from mkfs.fat (layout in
 * {@link FatFixture#fat32}: FAT 1 at byte 16384, FAT 2 at byte 338944), with fsck.fat -n's text on the same bytes
 * where it has something to say.
 */
class FatFaultsTest {

    private static final long FAT1 = 32 * 512;
    private static final long FAT2 = (32 + 630) * 512;

    @TempDir
    Path tmp;

    private Path fs;

    private Path fresh() throws Exception {
        fs = FatFixture.fat32(tmp, "fs-" + System.nanoTime() + ".img");
        return fs;
    }

    @Test
    void impossibleBytesPerSectorWithAValidBackup() throws Exception {
        ByteSurgery.putShort(fresh(), 11, 500); // fault: bytes per sector 500
        SubjectResult r = FatFixture.diagnose(fs);
        Finding f = Findings.only(r, FatCodes.BPB_INVALID);
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("bytes per sector 500"), f.message());
        assertTrue(f.message().contains("backup boot sector at sector 6 (byte 3072) is valid"), f.message());
        assertEquals("fat", r.volumes().get(0).filesystem());
        assertTrue(FatFixture.fsck(fs).contains("Logical sector size (500 bytes)"), FatFixture.fsck(fs));
    }

    @Test
    void missingBootSignature() throws Exception {
        ByteSurgery.write(fresh(), 510, (byte) 0, (byte) 0); // fault: 55 AA zeroed
        SubjectResult r = FatFixture.diagnose(fs);
        assertTrue(Findings.only(r, FatCodes.BOOT_SIGNATURE_MISSING).message().contains("00 00 instead of 55 AA"));
        // the backup still has it, which is how fsck.fat sees the damage
        assertTrue(Findings.only(r, FatCodes.BACKUP_BOOT_DIFFERS).message().contains("510-511"));
        assertTrue(FatFixture.fsck(fs).contains("510:00/55, 511:00/aa"), FatFixture.fsck(fs));
    }

    @Test
    void filesystemLargerThanItsVolume() throws Exception {
        Tools.run("truncate", "-s", "30M", fresh().toString()); // fault: the last 10 MiB cut off
        Finding f = Findings.only(FatFixture.diagnose(fs), FatCodes.SIZE_BEYOND_VOLUME);
        assertTrue(f.message().contains("81920 sectors of 512 bytes (41943040 bytes) but its volume has only "
                + "31457280 bytes"), f.message());
        assertEquals(1, Tools.exec("fsck.fat", "-n", fs.toString()).exit());
    }

    @Test
    void backupBootSectorDiffers() throws Exception {
        ByteSurgery.write(fresh(), 6 * 512 + 67, (byte) 0x99); // fault: serial byte of the backup changed
        Finding f = Findings.only(FatFixture.diagnose(fs), FatCodes.BACKUP_BOOT_DIFFERS);
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.message().contains("differs from the primary at bytes 67: both are valid"), f.message());
        assertTrue(FatFixture.fsck(fs).contains("There are differences between boot sector and its backup"));
    }

    @Test
    void fsInfoWithoutLeadSignature() throws Exception {
        ByteSurgery.putInt(fresh(), 512, 0); // fault: FSInfo lead signature zeroed
        Finding f = Findings.only(FatFixture.diagnose(fs), FatCodes.FSINFO_INVALID);
        assertTrue(f.message().contains("0x00000000 instead of 0x41615252 at byte 0"), f.message());
        assertTrue(FatFixture.fsck(fs).contains("FSINFO sector has bad magic number"), FatFixture.fsck(fs));
        ByteSurgery.putInt(fresh(), 512 + 488, 999_999); // fault: free count beyond the 80628 clusters
        Finding count = Findings.only(FatFixture.diagnose(fs), FatCodes.FSINFO_INVALID);
        assertTrue(count.message().contains("free-cluster count 999999 exceeds the 80628 clusters"), count.message());
    }

    @Test
    void fatCopiesDiffer() throws Exception {
        ByteSurgery.write(fresh(), FAT2 + 8, (byte) 0x77); // fault: entry 2 of FAT 2 changed
        Finding f = Findings.only(FatFixture.diagnose(fs), FatCodes.FATS_DIFFER);
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("FAT 2 (byte " + FAT2 + ") differs from FAT 1 (byte " + FAT1
                + ") at FAT byte 8 (entry 2)"), f.message());
        assertTrue(FatFixture.fsck(fs).contains("FATs differ"), FatFixture.fsck(fs));
    }

    @Test
    void firstFatEntryWithoutTheMediaByte() throws Exception {
        ByteSurgery.write(fresh(), FAT1, (byte) 0xF0); // fault: FAT[0] says F0 in both copies, the BPB F8
        ByteSurgery.write(fs, FAT2, (byte) 0xF0);
        SubjectResult r = FatFixture.diagnose(fs);
        assertTrue(Findings.only(r, FatCodes.MEDIA_MISMATCH).message().contains("FAT[0] is 0xFFFFFF0, not "
                + "0xFFFFFF8 for the media byte 0xF8"));
        assertFalse(Findings.codes(r).contains(FatCodes.FATS_DIFFER));
    }

    @Test
    void dirtyBitsInTheBootSectorAndInFat1() throws Exception {
        ByteSurgery.write(fresh(), 65, (byte) 1); // fault: the boot sector's "mounted" bit left set
        Finding bs = Findings.only(FatFixture.diagnose(fs), FatCodes.DIRTY);
        assertEquals(Severity.WARNING, bs.severity());
        assertTrue(bs.message().contains("dirty bit (byte 65) is set"), bs.message());
        assertTrue(FatFixture.fsck(fs).contains("Dirty bit is set. Fs was not properly unmounted"));
        // fault: FAT[1] = 0x03FFFFFF in both copies: clean-shutdown (bit 27) and hard-error (bit 26) bits clear
        ByteSurgery.putInt(fresh(), FAT1 + 4, 0x03FFFFFFL);
        ByteSurgery.putInt(fs, FAT2 + 4, 0x03FFFFFFL);
        Finding fat = Findings.only(FatFixture.diagnose(fs), FatCodes.DIRTY);
        assertTrue(fat.message().contains("FAT[1] is 0x3FFFFFF: the clean-shutdown bit is clear"), fat.message());
        assertTrue(fat.message().contains("the hard-error bit is clear"), fat.message());
    }

    @Test
    void fat32LayoutWithAFat16ClusterCount() throws Exception {
        // no surgery: mkfs.fat -F 32 -s 8 on 40 MiB makes 10216 clusters in the FAT32 layout, and warns about it
        Path f = FatFixture.fatFile(tmp, "small32.img", 32, 40, "-s", "8");
        SubjectResult r = FatFixture.diagnose(f);
        Finding t = Findings.only(r, FatCodes.TYPE_MISMATCH);
        assertTrue(t.message().contains("FAT32 layout but 10216 clusters make it FAT16"), t.message());
        assertEquals(List.of(FatCodes.TYPE_MISMATCH), Findings.problems(r).stream().map(Finding::code).toList());
        assertTrue(FatFixture.fsck(f).contains("but has only 10216 clusters, less than the required minimum"));
    }
}
