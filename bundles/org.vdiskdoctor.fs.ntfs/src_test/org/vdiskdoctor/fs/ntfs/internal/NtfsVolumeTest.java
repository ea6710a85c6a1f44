// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.fs.ntfs.internal.NtfsFixture.PARTITION_START;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.fs.ntfs.NtfsCodes;
import org.vdiskdoctor.testing.ByteSurgery;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Findings;
import org.vdiskdoctor.testing.Tools;

/**
 * Healthy NTFS by mkntfs, found through the engine in a GPT or MBR partition of a raw or QCOW2 disk or filling a
 * whole disk; healthy as ntfsfix -n says, with the MFT where ntfsinfo -m says.
 */
class NtfsVolumeTest {

    @TempDir
    Path tmp;

    private static Finding assertFoundAt(SubjectResult r, String volumeId, long offset) {
        Volume v = r.volumes().stream().filter(x -> x.id().equals(volumeId)).findFirst().orElseThrow();
        assertEquals("ntfs", v.filesystem(), r.volumes().toString());
        assertEquals(offset, v.offset());
        Finding found = Findings.only(r, NtfsCodes.FOUND);
        assertTrue(found.message().contains("NTFS filesystem 'TESTNTFS' serial "), found.message());
        assertTrue(found.message().contains("at guest byte " + offset + " (mount -t ntfs-3g -o ro,loop,offset="
                + offset + ")"), found.message());
        assertEquals(List.of(), Findings.problems(r));
        return found;
    }

    @Test
    void inAGptPartitionOfRawAndQcow2() throws Exception {
        Path disk = NtfsFixture.partitioned(tmp, "gpt.img", "gpt", NtfsFixture.ntfs(tmp, "fs.img"));
        assertFoundAt(NtfsFixture.diagnose(disk), "gpt:1", PARTITION_START);
        SubjectResult q = NtfsFixture.diagnose(Disks.qcow2(disk));
        assertEquals("qcow2", q.format());
        assertFoundAt(q, "gpt:1", PARTITION_START);
    }

    @Test
    void inAnMbrPartitionOfRawAndQcow2() throws Exception {
        Path disk = NtfsFixture.partitioned(tmp, "mbr.img", "mbr", NtfsFixture.ntfs(tmp, "fs.img"));
        assertFoundAt(NtfsFixture.diagnose(disk), "mbr:1", PARTITION_START);
        assertFoundAt(NtfsFixture.diagnose(Disks.qcow2(disk)), "mbr:1", PARTITION_START);
    }

    @Test
    void aPartitionEndingAtTheDiskEndLeavesTheWholeDiskAlone() throws Exception {
        // the disk's last sector is then the partition's backup boot sector: not a sign of an NTFS filling the disk
        Path fs = NtfsFixture.ntfs(tmp, "fs.img");
        Path disk = NtfsFixture.partitioned(tmp, "mbr.img", "mbr", fs, PARTITION_START + java.nio.file.Files.size(fs));
        SubjectResult r = NtfsFixture.diagnose(disk);
        assertEquals(null, r.volumes().get(0).filesystem(), r.volumes().toString());
        assertFoundAt(r, "mbr:1", PARTITION_START);
    }

    @Test
    void wholeDiskHealthyAsNtfsfixSaysWithTheMftWhereNtfsinfoSays() throws Exception {
        Path fs = NtfsFixture.ntfs(tmp, "fs.img");
        Finding found = assertFoundAt(NtfsFixture.diagnose(fs), Volume.WHOLE_DISK, 0);
        String fix = NtfsFixture.ntfsfix(fs);
        assertTrue(fix.contains("Checking the alternate boot sector... OK") && fix.contains("processed successfully"),
                fix);
        String info = Tools.run("ntfsinfo", "-m", fs.toString());
        Matcher mft = Pattern.compile("LCN of Data Attribute for FILE_MFT: (\\d+)").matcher(info);
        Matcher mirr = Pattern.compile("LCN of Data Attribute for File_MFTMirr: (\\d+)").matcher(info);
        assertTrue(mft.find() && mirr.find(), info);
        assertTrue(found.message().contains("$MFT at cluster " + mft.group(1) + ", $MFTMirr at cluster "
                + mirr.group(1)), found.message() + "\n" + info);
    }

    @Test
    void largeClustersInTheNegativeShiftEncoding() throws Exception {
        // mkntfs -c 131072 writes sectors per cluster as 0xF8: 2^(256 - 0xF8) = 256 sectors of 512 bytes
        Path fs = tmp.resolve("big.img");
        Tools.run("truncate", "-s", "64M", fs.toString());
        Tools.run("mkntfs", "-F", "-Q", "-q", "-s", "512", "-c", "131072", "-L", "TESTNTFS", fs.toString());
        assertEquals((byte) 0xF8, ByteSurgery.read(fs, 13, 1).get(0));
        Finding found = assertFoundAt(NtfsFixture.diagnose(fs), Volume.WHOLE_DISK, 0);
        String info = Tools.run("ntfsinfo", "-m", fs.toString());
        assertTrue(info.contains("Cluster Size: 131072") && info.contains("FILE_MFT: 2"), info);
        assertTrue(found.message().contains("clusters of 131072 bytes, $MFT at cluster 2,"), found.message());
    }

    @Test
    void aBlankDiskAndAFatVolumeAreNotNtfs() throws Exception {
        Path blank = tmp.resolve("blank.img");
        Tools.run("truncate", "-s", "4M", blank.toString());
        Path fat = tmp.resolve("fat.img");
        Tools.run("truncate", "-s", "8M", fat.toString());
        Tools.run("mkfs.fat", fat.toString());
        for (Path p : List.of(blank, fat)) {
            SubjectResult r = NtfsFixture.diagnose(p);
            assertEquals(null, r.volumes().get(0).filesystem(), p.toString());
            assertEquals(List.of(), r.findings(), p.toString());
        }
    }
}
