// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.fs.ext4.Ext4Codes;
import org.vdiskdoctor.testing.ByteSurgery;
import org.vdiskdoctor.testing.Findings;
import org.vdiskdoctor.testing.Tools;

/**
 * Faults in backup superblocks and group descriptors of the 64 MiB, 1 KiB-block mkfs.ext4 filesystem: 8 groups,
 * backups at blocks 8193 (group 1), 24577 (3), 40961 (5), 57345 (7); 64-byte descriptors at block 2 (byte 2048).
 */
class Ext4GroupFaultsTest {

    private static final long GROUP1_SB = 8193L * 1024;
    private static final long GROUP3_SB = 24577L * 1024;
    private static final int GDT = 2048;
    private static final int DESC = 64;

    @TempDir
    Path tmp;

    private static List<Finding> only(SubjectResult r, FindingCode code) {
        assertTrue(Findings.problemCodes(r).stream().allMatch(code::equals), r.findings()::toString);
        List<Finding> f = Findings.of(r, code);
        assertTrue(!f.isEmpty(), r.findings()::toString);
        return f;
    }

    /** Recomputes descriptor {@code group}'s metadata_csum checksum, as e2fsprogs does. */
    private static void fixDescriptorChecksum(Path fs, int group) throws Exception {
        Superblock sb = new Superblock(ByteSurgery.read(fs, Ext4Fixture.SB, Superblock.SIZE));
        byte[] d = new byte[DESC];
        ByteSurgery.read(fs, GDT + group * DESC, DESC).get(d);
        d[0x1E] = 0;
        d[0x1F] = 0;
        byte[] nr = ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(group).array();
        int c = Crc.crc32c(Crc.crc32c(sb.checksumSeed(), nr, 0, 4), d, 0, DESC);
        ByteSurgery.putShort(fs, GDT + group * DESC + 0x1E, c & 0xffff);
    }

    @Test
    void backupWithAnotherBlockCount() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        ByteSurgery.putInt(fs, GROUP1_SB + 0x4, 60000); // s_blocks_count_lo of the group-1 copy
        Ext4Fixture.fixSuperblockChecksum(fs, GROUP1_SB);
        Finding f = only(Ext4Fixture.diagnose(fs), Ext4Codes.BACKUP_MISMATCH).get(0);
        assertTrue(f.message().contains("group 1") && f.message().contains("s_blocks_count 60000"), f.message());
        // e2fsck -n does not look at backups; dumpe2fs reading that copy shows the same disagreement
        String backup = Tools.run("dumpe2fs", "-h", "-o", "superblock=8193", "-o", "blocksize=1024",
                fs.toString());
        assertTrue(backup.matches("(?s).*Block count:\\s+60000\n.*"), backup);
    }

    @Test
    void backupOverwritten() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        ByteSurgery.write(fs, GROUP3_SB, new byte[1024]);
        Finding f = only(Ext4Fixture.diagnose(fs), Ext4Codes.BACKUP_MISSING).get(0);
        assertTrue(f.message().contains("group 3 (block 24577)"), f.message());
        String out = Tools.exec("dumpe2fs", "-h", "-o", "superblock=24577", "-o", "blocksize=1024",
                fs.toString()).out();
        assertTrue(out.contains("Bad magic number"), out);
    }

    @Test
    void blockBitmapBeyondTheFilesystem() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        ByteSurgery.putInt(fs, GDT + 2 * DESC, 0x00F00000); // bg_block_bitmap_lo of group 2
        fixDescriptorChecksum(fs, 2);
        Finding f = only(Ext4Fixture.diagnose(fs), Ext4Codes.GROUP_OUTSIDE).get(0);
        assertTrue(f.message().contains("group 2") && f.message().contains("block bitmap at block 15728640"),
                f.message());
        String out = Tools.exec("e2fsck", "-fn", fs.toString()).out();
        assertTrue(out.contains("Corrupt group descriptor: bad block for block bitmap"), out);
    }

    @Test
    void changedDescriptorWithOldChecksum() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        ByteSurgery.putShort(fs, GDT + 3 * DESC + 0xC, 1234); // bg_free_blocks_count_lo of group 3
        List<Finding> f = only(Ext4Fixture.diagnose(fs), Ext4Codes.GROUP_CHECKSUM);
        assertEquals(1, f.size(), f::toString);
        String out = Tools.exec("e2fsck", "-fn", fs.toString()).out();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("Group descriptor 3 checksum is (0x[0-9a-f]{4}), should be (0x[0-9a-f]{4})").matcher(out);
        assertTrue(out.contains("One or more block group descriptor checksums are invalid") && m.find(), out);
        // the same stored and computed values as e2fsck: our crc32c seed and coverage are e2fsprogs'
        assertTrue(f.get(0).message().contains("group 3 descriptor checksum " + m.group(1) + ", its bytes give "
                + m.group(2)), f.get(0).message());
    }

    @Test
    void manyBadDescriptorsAreCappedWithACount() throws Exception {
        Path fs = Ext4Fixture.mkfs(tmp, "groups.img", 200, 1024); // 25 groups
        ByteSurgery.putInt(fs, Ext4Fixture.SB + 0x68, 0x12345678); // UUID seeds every descriptor checksum
        Ext4Fixture.fixSuperblockChecksum(fs, Ext4Fixture.SB);
        List<Finding> f = Findings.of(Ext4Fixture.diagnose(fs), Ext4Codes.GROUP_CHECKSUM);
        assertEquals(GroupDescriptors.MAX_REPORTED + 1, f.size(), f::toString);
        assertTrue(f.get(f.size() - 1).message().startsWith(fs + ": whole disk at guest byte 0: 25 group "
                + "descriptors have a wrong checksum in all"), f.get(f.size() - 1).message());
    }
}
