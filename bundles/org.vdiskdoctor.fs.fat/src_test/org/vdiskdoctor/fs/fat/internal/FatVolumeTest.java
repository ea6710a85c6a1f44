// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.fat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.fs.fat.internal.FatFixture.PARTITION_START;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.fs.fat.FatCodes;
import org.vdiskdoctor.testing.ByteSurgery;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Findings;
import org.vdiskdoctor.testing.Tools;

/**
 * Healthy FAT12/16/32 by mkfs.fat, found through the engine where they are: in a GPT or MBR partition of a raw or
 * QCOW2 disk, or filling a whole disk. Healthy means no errors or warnings, as fsck.fat -n says of the same bytes.
 */
class FatVolumeTest {

    @TempDir
    Path tmp;

    private static void assertFoundAt(SubjectResult r, String volumeId, String fs, long offset) {
        Volume v = r.volumes().stream().filter(x -> x.id().equals(volumeId)).findFirst().orElseThrow();
        assertEquals(fs, v.filesystem(), r.volumes().toString());
        assertEquals(offset, v.offset());
        Finding found = Findings.only(r, FatCodes.FOUND);
        assertTrue(found.message().contains(fs.toUpperCase() + " filesystem 'TESTFAT' serial 1234-5678"),
                found.message());
        assertTrue(found.message().contains("at guest byte " + offset + " (mount -o ro,loop,offset=" + offset + ")"),
                found.message());
        assertEquals(List.of(), Findings.problems(r));
    }

    @Test
    void fat32InAGptPartitionOfRawAndQcow2() throws Exception {
        Path fs = FatFixture.fat32(tmp, "fs.img");
        Path disk = FatFixture.partitioned(tmp, "gpt.img", "gpt", fs);
        assertFoundAt(FatFixture.diagnose(disk), "gpt:1", "fat32", PARTITION_START);
        SubjectResult q = FatFixture.diagnose(Disks.qcow2(disk));
        assertEquals("qcow2", q.format());
        assertFoundAt(q, "gpt:1", "fat32", PARTITION_START);
    }

    @Test
    void fat16InAnMbrPartitionOfRawAndQcow2() throws Exception {
        Path fs = FatFixture.fatFile(tmp, "fs.img", 16, 20);
        Path disk = FatFixture.partitioned(tmp, "mbr.img", "mbr", fs);
        assertFoundAt(FatFixture.diagnose(disk), "mbr:1", "fat16", PARTITION_START);
        assertFoundAt(FatFixture.diagnose(Disks.qcow2(disk)), "mbr:1", "fat16", PARTITION_START);
    }

    @Test
    void fat12FillingTheWholeDisk() throws Exception {
        Path fs = FatFixture.fatFile(tmp, "floppy.img", 12, 2);
        assertFoundAt(FatFixture.diagnose(fs), Volume.WHOLE_DISK, "fat12", 0);
        assertFoundAt(FatFixture.diagnose(Disks.qcow2(fs)), Volume.WHOLE_DISK, "fat12", 0);
    }

    @Test
    void healthyAsFsckFatSays() throws Exception {
        for (int bits : new int[] { 12, 16, 32 }) {
            Path fs = FatFixture.fatFile(tmp, "fs" + bits + ".img", bits, 40, "-S", bits == 16 ? "2048" : "512");
            Tools.Run fsck = Tools.exec("fsck.fat", "-n", fs.toString());
            assertEquals(0, fsck.exit(), fsck.out());
            assertTrue(fsck.out().contains("TESTFAT") || fsck.out().contains("clusters"), fsck.out());
            SubjectResult r = FatFixture.diagnose(fs);
            assertEquals(List.of(), Findings.problems(r), "FAT" + bits);
            assertEquals("fat" + bits, r.volumes().get(0).filesystem());
        }
    }

    @Test
    void aBlankDiskAnNtfsAndABitLockerVolumeAreNotFat() throws Exception {
        Path blank = tmp.resolve("blank.img");
        Tools.run("truncate", "-s", "4M", blank.toString());
        Path ntfs = tmp.resolve("ntfs.img");
        Tools.run("truncate", "-s", "8M", ntfs.toString());
        Tools.run("mkntfs", "-F", "-Q", "-q", ntfs.toString());
        // BitLocker's boot sector is FAT32-shaped ("FAT32" label at byte 82) under the OEM name -FVE-FS-
        Path bitlocker = FatFixture.fat32(tmp, "bitlocker.img");
        ByteSurgery.write(bitlocker, 3, "-FVE-FS-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (Path p : List.of(blank, ntfs, bitlocker)) {
            SubjectResult r = FatFixture.diagnose(p);
            assertEquals(null, r.volumes().get(0).filesystem(), p.toString());
            assertEquals(List.of(), r.findings(), p.toString());
        }
    }
}
