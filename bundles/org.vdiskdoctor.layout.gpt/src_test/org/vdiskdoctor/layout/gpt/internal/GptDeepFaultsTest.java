// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.layout.gpt.internal.GptDeepFixture.codes;
import static org.vdiskdoctor.layout.gpt.internal.GptDeepFixture.deepCodes;
import static org.vdiskdoctor.layout.gpt.internal.GptDeepFixture.diagnose;
import static org.vdiskdoctor.layout.gpt.internal.GptDeepFixture.only;
import static org.vdiskdoctor.layout.gpt.internal.GptDeepFixture.sgdisk;
import static org.vdiskdoctor.layout.gpt.internal.GptFixture.SECTOR;
import static org.vdiskdoctor.layout.gpt.internal.GptProbeTest.LAST;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.layout.gpt.GptCodes;

/**
 * Each class of sgdisk -v verdict, from a real fault made by byte surgery on a disk partitioned by sgdisk, on the raw
 * image (read in place) and on a QCOW2 of the same bytes (a temporary copy). Each test first runs sgdisk -v itself on
 * the bytes and asserts the text the finding is derived from, then compares with our own gpt.* findings.
 */
class GptDeepFaultsTest {

    @TempDir
    Path tmp;

    /** The findings of the raw image and of its QCOW2 copy, which must carry the same codes. */
    private List<SubjectResult> both(Path raw) throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work-" + System.nanoTime()));
        SubjectResult r = diagnose(raw, DeepCheck.in(work));
        SubjectResult q = diagnose(GptDeepFixture.qcow2(raw), DeepCheck.in(work));
        assertEquals(deepCodes(r), deepCodes(q), "raw in place and QCOW2 copy agree");
        return List.of(r, q);
    }

    @Test
    void grownDiskIsBackupNotAtEnd() throws Exception {
        Path disk = GptFixture.healthy(tmp, "grown.img");
        // fault: 10 MiB appended (truncate -s +10M), as when a raw disk is enlarged
        GptFixture.run("truncate", "-s", "+10M", disk.toString());
        String said = sgdisk(disk);
        assertTrue(said.contains("Problem: The secondary header's self-pointer indicates that it doesn't reside\nat "
                + "the end of the disk.") && said.contains("Identified 1 problems!"), said);
        for (SubjectResult r : both(disk)) {
            assertEquals(List.of(GptCodes.DEEP_BACKUP_NOT_AT_END), deepCodes(r));
            Finding f = only(r, GptCodes.DEEP_BACKUP_NOT_AT_END);
            assertEquals(Severity.WARNING, f.severity());
            assertTrue(f.message().contains("sgdisk -v says: \"Problem: The secondary header's self-pointer "
                    + "indicates that it doesn't reside at the end of the disk.") && f.message().contains(
                    "its verification identified 1 problem)"), f.message());
            only(r, GptCodes.BACKUP_NOT_AT_END); // our own check agrees
        }
    }

    @Test
    void aDamagedCopyIsCrcMismatchEvenWhenSgdiskSaysNoProblems() throws Exception {
        Path disk = GptFixture.healthy(tmp, "crc.img");
        // fault: one byte of the primary partition array (LBA 2, in entry 2's name) flipped, its CRC not fixed
        GptFixture.write(disk, 2 * SECTOR + 200, new byte[] { (byte) 0xFF });
        String said = sgdisk(disk);
        assertTrue(said.contains("Warning! One or more CRCs don't match. You should repair the disk!")
                && said.contains("Main partition table: ERROR")
                && said.contains("Problem: The CRC for the main partition table is invalid."), said);
        for (SubjectResult r : both(disk)) {
            assertEquals(List.of(GptCodes.DEEP_CRC_MISMATCH), deepCodes(r));
            Finding f = only(r, GptCodes.DEEP_CRC_MISMATCH);
            assertEquals(Severity.WARNING, f.severity());
            assertTrue(f.message().contains("sgdisk -v says: failing their CRC-32: main partition table; ")
                    && f.message().contains("\"Warning! One or more CRCs don't match. You should repair the disk!\"")
                    && f.message().contains("its verification identified 1 problem)"), f.message());
            only(r, GptCodes.PRIMARY_ARRAY_CRC); // our own check agrees
        }

        // fault 2: one byte of the backup header's CRC field (last LBA, byte 16) changed; sgdisk still closes with
        // "No problems found." (about the main copy it used), so only its load-time text tells
        Path backup = GptFixture.healthy(tmp, "backup.img");
        GptFixture.write(backup, LAST * SECTOR + 16, new byte[] { (byte) 0xFF });
        said = sgdisk(backup);
        assertTrue(said.contains("Backup header: ERROR") && said.contains("No problems found."), said);
        for (SubjectResult r : both(backup)) {
            assertEquals(List.of(GptCodes.DEEP_CRC_MISMATCH), deepCodes(r), "never clean");
            Finding f = only(r, GptCodes.DEEP_CRC_MISMATCH);
            assertTrue(f.message().contains("failing their CRC-32: backup header; \"Caution: invalid backup GPT "
                    + "header, but valid main header; regenerating backup header from main header.\"")
                    && f.message().contains("its verification counted none"), f.message());
            only(r, GptCodes.BACKUP_HEADER_INVALID);
        }
    }

    @Test
    void shrunkDiskIsTooSmall() throws Exception {
        Path disk = GptFixture.healthy(tmp, "shrunk.img");
        // fault: the last 4 MiB cut off (truncate -s 60M): the backup header and array are gone
        GptFixture.run("truncate", "-s", "60M", disk.toString());
        String said = sgdisk(disk);
        assertTrue(said.contains("Problem: Disk is too small to hold all the data!\n(Disk size is 122880 sectors, "
                + "needs to be 131072 sectors.)") && said.contains("Identified 5 problems!"), said);
        for (SubjectResult r : both(disk)) {
            assertEquals(List.of(GptCodes.DEEP_DISK_TOO_SMALL), deepCodes(r), "one finding for the shrink");
            Finding f = only(r, GptCodes.DEEP_DISK_TOO_SMALL);
            assertEquals(Severity.ERROR, f.severity());
            assertTrue(f.message().contains("\"Problem: Disk is too small to hold all the data! (Disk size is 122880 "
                    + "sectors, needs to be 131072 sectors.)") && f.message().contains("identified 5 problems)"),
                    f.message());
            only(r, GptCodes.BACKUP_BEYOND_END);
        }
    }

    @Test
    void overlappingPartitionsOrNoLoadableGptAreProblems() throws Exception {
        Path disk = GptFixture.healthy(tmp, "overlap.img");
        // fault: partition 2 made to start at LBA 30000, inside partition 1 (2048..43007), in both arrays, CRCs fixed
        for (long header : new long[] { 1, LAST }) GptFixture.setEntryRange(disk, header, 2, 30000, 63487);
        String said = sgdisk(disk);
        assertTrue(said.contains("Problem: partitions 2 and 1 overlap:\n  Partition 2: 30000 to 63487\n"
                + "  Partition 1: 2048 to 43007") && said.contains("Identified 1 problems!"), said);
        for (SubjectResult r : both(disk)) {
            assertEquals(List.of(GptCodes.DEEP_PROBLEMS), deepCodes(r));
            Finding f = only(r, GptCodes.DEEP_PROBLEMS);
            assertEquals(Severity.ERROR, f.severity());
            assertTrue(f.message().contains("sgdisk found 1 problem in the GPT: \"Problem: partitions 2 and 1 "
                    + "overlap: Partition 2: 30000 to 63487 Partition 1: 2048 to 43007\""), f.message());
            assertTrue(codes(r).contains(GptCodes.PARTITION_OVERLAP), codes(r).toString());
        }

        // fault 2: both headers zeroed (LBA 1 and the last LBA), the protective MBR kept: sgdisk loads no GPT, makes
        // up an empty one and says "No problems found." about it
        Path lost = GptFixture.healthy(tmp, "lost.img");
        GptFixture.zeroSectors(lost, 1, 1);
        GptFixture.zeroSectors(lost, LAST, 1);
        said = sgdisk(lost);
        assertTrue(said.contains("Creating new GPT entries in memory.") && said.contains("No problems found."), said);
        for (SubjectResult r : both(lost)) {
            assertEquals(List.of(GptCodes.DEEP_PROBLEMS), deepCodes(r), "never clean");
            assertTrue(only(r, GptCodes.DEEP_PROBLEMS).message().contains("sgdisk found no GPT it could load on this "
                    + "disk, which shows signs of one, and verified an empty table it made up in memory instead: "
                    + "\"Creating new GPT entries in memory.\""), r.findings().toString());
            only(r, GptCodes.NO_VALID_HEADER);
        }
    }
}
