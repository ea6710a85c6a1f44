// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.fat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.fs.fat.FatCodes;
import org.vdiskdoctor.testing.ByteSurgery;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Findings;
import org.vdiskdoctor.testing.Tools;

/**
 * One fault per deep-check code, by documented byte surgery on the 40 MiB FAT32 of {@link FatFixture#fatFile} (FAT 1
 * at byte 16384, FAT 2 at byte 338944, 630 sectors each, the root directory in cluster 2 at byte 661504, FSInfo in
 * sector 1, the backup boot sector in sector 6). Each test first runs fsck.fat -n itself on the same bytes and
 * asserts the text our finding is derived from, then diagnoses with --deep through the engine, on the raw file (read
 * in place), a QCOW2 copy or a partitioned disk (both read through a temporary copy).
 */
class FatDeepFaultsTest {

    private static final long FAT1 = 16384;
    private static final long FAT2 = 338944;
    private static final long ROOT = 661504;

    @TempDir
    Path tmp;

    private Path fs;

    private Path fresh() throws Exception {
        fs = FatFixture.fat32(tmp, "fs-" + System.nanoTime() + ".img");
        return fs;
    }

    /** fsck.fat -n on the filesystem file, asserting that its text says {@code expected}. */
    private Tools.Run fsckSays(String expected) throws Exception {
        Tools.Run r = Tools.exec("fsck.fat", "-n", fs.toString());
        assertTrue(r.out().contains(expected), r.out());
        return r;
    }

    private SubjectResult deep(Path image) throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work-" + System.nanoTime()));
        SubjectResult r = FatFixture.diagnose(image, DeepCheck.in(work));
        assertFalse(Findings.codes(r).contains(FatCodes.DEEP_CLEAN), r.findings()::toString);
        return r;
    }

    private static Finding only(SubjectResult r, FindingCode code, Severity severity, String quoted) {
        Finding f = Findings.only(r, code);
        assertEquals(severity, f.severity());
        assertTrue(f.message().contains(quoted), f.message());
        return f;
    }

    private static byte[] le32(long value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array();
    }

    @Test
    void dirtyBitOnTheRawImage() throws Exception {
        ByteSurgery.write(fresh(), 65, (byte) 1); // fault: the FAT32 dirty bit, in the primary boot sector only
        fsckSays("Dirty bit is set. Fs was not properly unmounted and some data may be corrupt.");
        only(deep(fs), FatCodes.DEEP_DIRTY, Severity.WARNING, "fsck.fat -n says: \"Dirty bit is set. Fs was not "
                + "properly unmounted and some data may be corrupt. / Automatically removing dirty bit.\"");
    }

    @Test
    void backupBootSectorDiffersThoughFsckExitsZero() throws Exception {
        // fault: three bytes of the backup's volume label (sector 6, byte 71) changed from "TES" to "XYZ"
        ByteSurgery.write(fresh(), 6 * 512 + 71, "XYZ".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, fsckSays("There are differences between boot sector and its backup.").exit(),
                "fsck.fat's exit code says nothing is wrong: the text decides");
        only(deep(Disks.qcow2(fs)), FatCodes.DEEP_BACKUP_BOOT_DIFFERS, Severity.WARNING,
                "Differences: (offset:original/backup) / 71:54/58, 72:45/59, 73:53/5a");
    }

    @Test
    void fatsDifferInAGptPartition() throws Exception {
        ByteSurgery.write(fresh(), FAT2 + 100 * 4, le32(7)); // fault: FAT 2's entry of free cluster 100 says "7"
        fsckSays("FATs differ but appear to be intact.");
        only(deep(FatFixture.partitioned(tmp, "disk.img", "gpt", fs)), FatCodes.DEEP_FATS_DIFFER, Severity.ERROR,
                "\"FATs differ but appear to be intact. / Using first FAT.\"");
    }

    @Test
    void lostCluster() throws Exception {
        fresh();
        for (long fat : new long[] { FAT1, FAT2 }) {
            ByteSurgery.write(fs, fat + 100 * 4, le32(0x0FFFFFFF)); // fault: cluster 100 used (end of chain) by no file
        }
        fsckSays("Reclaimed 1 unused cluster (512 bytes).");
        only(deep(fs), FatCodes.DEEP_LOST_CLUSTERS, Severity.WARNING, "\"Reclaimed 1 unused cluster (512 bytes).\"");
    }

    @Test
    void wrongFreeClusterCount() throws Exception {
        ByteSurgery.write(fresh(), 512 + 488, le32(16)); // fault: FSInfo's free count says 16 of 80627 free clusters
        fsckSays("Free cluster summary wrong (16 vs. really 80627)");
        only(deep(fs), FatCodes.DEEP_FREE_COUNT_WRONG, Severity.WARNING,
                "\"Free cluster summary wrong (16 vs. really 80627) / Auto-correcting.\"");
    }

    @Test
    void fileLongerThanItsClusterChainInAQcow2Partition() throws Exception {
        // fault: a root directory entry FILE.TXT of 1000 bytes starting at cluster 3, whose chain ends at once
        ByteBuffer e = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        e.put("FILE    TXT".getBytes(StandardCharsets.US_ASCII)).put(11, (byte) 0x20);
        e.putShort(26, (short) 3).putInt(28, 1000);
        ByteSurgery.write(fresh(), ROOT + 32, e.array());
        for (long fat : new long[] { FAT1, FAT2 }) ByteSurgery.write(fs, fat + 3 * 4, le32(0x0FFFFFFF));
        Tools.Run fsck = fsckSays("/FILE.TXT\n  File size is 1000 bytes, cluster chain length is 512 bytes.");
        assertEquals(1, fsck.exit());
        SubjectResult r = deep(Disks.qcow2(FatFixture.partitioned(tmp, "disk.img", "mbr", fs)));
        only(r, FatCodes.DEEP_PROBLEMS, Severity.ERROR, "fsck.fat -n found 1 problem in files, directories or "
                + "cluster chains (exit code 1): \"/FILE.TXT / File size is 1000 bytes, cluster chain length is 512 "
                + "bytes. / Truncating file to 512 bytes.\"");
        // the used-cluster count in FSInfo missed the file's cluster too: fsck.fat says so, and so do we
        assertTrue(Findings.codes(r).contains(FatCodes.DEEP_FREE_COUNT_WRONG));
    }
}
