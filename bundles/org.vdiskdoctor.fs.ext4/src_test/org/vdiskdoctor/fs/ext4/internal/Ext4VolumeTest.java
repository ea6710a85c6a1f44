// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.fs.ext4.Ext4Codes;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Findings;
import org.vdiskdoctor.testing.Tools;

/**
 * Healthy filesystems where users meet them: inside a GPT or MBR partition, on raw and QCOW2 images, and as a bare
 * filesystem image; every mkfs variant (ext2, ext3, gdt_csum, 32-bit, sparse_super2, meta_bg, 4 KiB blocks) is
 * clean for us exactly when e2fsck -fn finds nothing.
 */
class Ext4VolumeTest {

    @TempDir
    Path tmp;

    private static Volume ext4Volume(SubjectResult r) {
        List<Volume> v = r.volumes().stream().filter(x -> x.filesystem() != null).toList();
        assertEquals(1, v.size(), r.volumes()::toString);
        return v.get(0);
    }

    @Test
    void foundInAGptPartitionOnRawAndQcow2WithItsMountOffset() throws Exception {
        Path disk = Ext4Fixture.gptDisk(tmp, Ext4Fixture.small(tmp));
        for (Path image : List.of(disk, Disks.qcow2(disk))) {
            SubjectResult r = Ext4Fixture.diagnose(image);
            assertEquals(List.of(), Findings.problemCodes(r), r.findings()::toString);
            Volume v = ext4Volume(r);
            assertEquals("gpt:1", v.id());
            assertEquals("ext4", v.filesystem());
            List<Finding> found = Findings.of(r, Ext4Codes.FOUND);
            assertEquals(1, found.size(), found::toString);
            String m = found.get(0).message();
            assertTrue(m.contains("ext4 filesystem 'root' UUID " + Ext4Fixture.UUID) && m.contains("65536 blocks of "
                    + "1024 bytes") && m.contains("at guest byte 1048576"), m);
            assertTrue(image == disk ? m.contains("mount -o ro,loop,offset=1048576 IMAGE")
                    : m.contains("qemu-nbd"), m);
        }
        SubjectResult raw = Ext4Fixture.diagnose(disk);
        Finding f = Findings.of(raw, Ext4Codes.FOUND).get(0);
        assertEquals((1 << 20) + 1024, f.evidence().get(0).offset(), "raw evidence is the file's superblock bytes");
    }

    @Test
    void foundInAnMbrPartitionWith4KiBBlocks() throws Exception {
        Path disk = Ext4Fixture.mbrDisk(tmp, Ext4Fixture.mkfs(tmp, "fs4k.img", 300, 4096));
        for (Path image : List.of(disk, Disks.qcow2(disk))) {
            SubjectResult r = Ext4Fixture.diagnose(image);
            assertEquals(List.of(), Findings.problemCodes(r), r.findings()::toString);
            assertEquals(2L << 20, ext4Volume(r).offset());
            assertTrue(Findings.of(r, Ext4Codes.FOUND).get(0).message().contains("76800 blocks of 4096 bytes"));
        }
    }

    @Test
    void aShrunkPartitionCutsTheFilesystemOnQcow2Too() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        Path disk = tmp.resolve("shrunk.img");
        Tools.run("truncate", "-s", "66M", disk.toString());
        Tools.run("sgdisk", "-n1:2048:+40M", disk.toString()); // the partition is smaller than the filesystem
        Disks.copyInto(fs, disk, 1 << 20);
        SubjectResult r = Ext4Fixture.diagnose(Disks.qcow2(disk));
        assertEquals(List.of(Ext4Codes.BEYOND_VOLUME), Findings.problemCodes(r), r.findings()::toString);
    }

    @Test
    void everyMkfsVariantIsCleanLikeE2fsckSays() throws Exception {
        String[][] variants = { { "-t", "ext2" }, { "-t", "ext3" }, { "-O", "^metadata_csum,uninit_bg" },
            { "-O", "^64bit" }, { "-O", "sparse_super2" }, { "-O", "meta_bg,^resize_inode" }, { "-b", "4096" },
            { "-O", "^sparse_super,^resize_inode" } };
        int i = 0;
        for (String[] opts : variants) {
            Path fs = Ext4Fixture.mkfs(tmp, "v" + i++ + ".img", 64, 1024, opts);
            SubjectResult r = Ext4Fixture.diagnose(fs);
            assertEquals(List.of(), Findings.problemCodes(r), () -> String.join(" ", opts) + ": " + r.findings());
            assertEquals(1, Findings.of(r, Ext4Codes.FOUND).size());
            Tools.Run e2fsck = Tools.exec("e2fsck", "-fn", fs.toString());
            assertEquals(0, e2fsck.exit(), e2fsck::out);
        }
    }

    @Test
    void externalJournalDeviceIsNamedAndNotCheckedAsAFilesystem() throws Exception {
        Path journal = Ext4Fixture.mkfs(tmp, "journal.img", 16, 1024, "-O", "journal_dev");
        SubjectResult r = Ext4Fixture.diagnose(journal);
        assertEquals(List.of(), Findings.problemCodes(r), r.findings()::toString);
        String m = Findings.of(r, Ext4Codes.FOUND).get(0).message();
        assertTrue(m.contains("external ext3/ext4 journal device 'root'"), m);
        assertEquals("ext4 journal", r.volumes().get(0).filesystem());
        assertTrue(Tools.run("dumpe2fs", "-h", journal.toString()).contains("journal_dev"));
    }

    @Test
    void extKindsAreNamed() throws Exception {
        assertEquals("ext2", ext4Volume(Ext4Fixture.diagnose(Ext4Fixture.mkfs(tmp, "2.img", 8, 1024, "-t", "ext2")))
                .filesystem());
        assertEquals("ext3", ext4Volume(Ext4Fixture.diagnose(Ext4Fixture.mkfs(tmp, "3.img", 8, 1024, "-t", "ext3")))
                .filesystem());
    }

    @Test
    void otherContentIsNotRecognised() throws Exception {
        Path swap = tmp.resolve("swap.img");
        Tools.run("truncate", "-s", "16M", swap.toString());
        Tools.run("mkswap", "-q", swap.toString());
        SubjectResult r = Ext4Fixture.diagnose(swap);
        assertEquals(List.of(), r.findings());
        assertEquals(null, r.volumes().get(0).filesystem());
    }
}
