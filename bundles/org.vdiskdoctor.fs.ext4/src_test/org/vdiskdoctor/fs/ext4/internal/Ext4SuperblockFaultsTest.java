// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.fs.ext4.internal.Ext4Fixture.SB;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.fs.ext4.Ext4Codes;
import org.vdiskdoctor.testing.ByteSurgery;
import org.vdiskdoctor.testing.Findings;
import org.vdiskdoctor.testing.Tools;

/**
 * One fault per superblock finding code, made by documented byte surgery on a mkfs.ext4 filesystem (64 MiB, 1 KiB
 * blocks, metadata_csum; the superblock checksum made right again unless the checksum is the fault), each verdict
 * compared with what e2fsck or dumpe2fs print for the same bytes.
 */
class Ext4SuperblockFaultsTest {

    @TempDir
    Path tmp;

    /** The only problem of the diagnosis is {@code code}; returns its finding. */
    private static Finding only(SubjectResult r, FindingCode code) {
        assertEquals(List.of(code), Findings.problemCodes(r), r.findings()::toString);
        return Findings.of(r, code).get(0);
    }

    private static String e2fsck(Path fs, String... options) throws Exception {
        String[] cmd = new String[options.length + 2];
        cmd[0] = "e2fsck";
        System.arraycopy(options, 0, cmd, 1, options.length);
        cmd[cmd.length - 1] = fs.toString();
        return Tools.exec(cmd).out();
    }

    @Test
    void primaryMagicZeroedNamesTheBackupE2fsckUses() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        ByteSurgery.putShort(fs, SB + 0x38, 0); // s_magic
        SubjectResult r = Ext4Fixture.diagnose(fs);
        Finding f = only(r, Ext4Codes.PRIMARY_INVALID);
        assertTrue(f.message().contains("e2fsck -b 8193 -B 1024"), f.message());
        assertEquals("ext4", r.volumes().get(0).filesystem());
        assertTrue(e2fsck(fs, "-fn").contains("Bad magic number in super-block"));
        String viaBackup = e2fsck(fs, "-fn", "-b", "8193", "-B", "1024");
        assertTrue(!viaBackup.contains("Bad magic") && viaBackup.contains("Pass 5"), viaBackup);
    }

    @Test
    void primaryOfA4KiBFilesystemGoneNamesBlock32768() throws Exception {
        Path fs = Ext4Fixture.mkfs(tmp, "big.img", 300, 4096);
        ByteSurgery.write(fs, 0, new byte[4096]); // the whole first block, as a stray partition table write would
        Finding f = only(Ext4Fixture.diagnose(fs), Ext4Codes.PRIMARY_INVALID);
        assertTrue(f.message().contains("e2fsck -b 32768 -B 4096"), f.message());
    }

    @Test
    void zeroInodesPerGroupIsImpossibleGeometry() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        Ext4Fixture.setPrimaryInt(fs, 0x28, 0); // s_inodes_per_group
        Finding f = only(Ext4Fixture.diagnose(fs), Ext4Codes.GEOMETRY);
        assertTrue(f.message().contains("s_inodes_per_group 0"), f.message());
        assertTrue(e2fsck(fs, "-fn").contains("The ext2 superblock is corrupt"));
    }

    @Test
    void truncatedImageLeavesTheFilesystemBeyondTheVolume() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        Tools.run("truncate", "-s", "48M", fs.toString());
        Finding f = only(Ext4Fixture.diagnose(fs), Ext4Codes.BEYOND_VOLUME);
        assertTrue(f.message().contains("65536 blocks of 1024 bytes") && f.message().contains("16777216 bytes are "
                + "missing"), f.message());
        String out = e2fsck(fs, "-fn");
        assertTrue(out.contains("is 65536 blocks") && out.contains("physical size of the device is 49152 blocks"),
                out);
    }

    @Test
    void editedLabelWithoutNewChecksum() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        ByteSurgery.write(fs, SB + 0x78, "boot".getBytes()); // s_volume_name, s_checksum left as it was
        only(Ext4Fixture.diagnose(fs), Ext4Codes.SUPERBLOCK_CHECKSUM);
        assertTrue(e2fsck(fs, "-fn").contains("Superblock checksum does not match superblock"));
    }

    @Test
    void errorBitInState() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        Ext4Fixture.setPrimaryShort(fs, 0x3A, 0x3); // s_state: valid | errors
        Finding f = only(Ext4Fixture.diagnose(fs), Ext4Codes.STATE_ERRORS);
        assertTrue(f.message().contains("continue"), f.message()); // mkfs's default s_errors
        assertTrue(e2fsck(fs, "-n").contains("contains a file system with errors"));
    }

    @Test
    void cleanBitMissing() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        Ext4Fixture.setPrimaryShort(fs, 0x3A, 0); // s_state
        only(Ext4Fixture.diagnose(fs), Ext4Codes.NOT_CLEAN);
        assertTrue(e2fsck(fs, "-n").contains("was not cleanly unmounted"));
    }

    @Test
    void needsRecoveryFlag() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        Ext4Fixture.setPrimaryInt(fs, 0x60, ByteSurgery.getInt(fs, SB + 0x60) | Features.INCOMPAT_RECOVER);
        only(Ext4Fixture.diagnose(fs), Ext4Codes.NEEDS_RECOVERY);
        assertTrue(e2fsck(fs, "-fn").contains("skipping journal recovery"));
    }

    @Test
    void orphanListHead() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        Ext4Fixture.setPrimaryInt(fs, 0xE8, 12); // s_last_orphan
        Finding f = only(Ext4Fixture.diagnose(fs), Ext4Codes.ORPHANS);
        assertTrue(f.message().contains("first inode 12"), f.message());
        assertTrue(Tools.run("dumpe2fs", "-h", fs.toString()).matches("(?s).*First orphan inode:\\s+12\n.*"));
    }

    @Test
    void unknownIncompatBit() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        Ext4Fixture.setPrimaryInt(fs, 0x60, ByteSurgery.getInt(fs, SB + 0x60) | 0x1000000);
        Finding f = only(Ext4Fixture.diagnose(fs), Ext4Codes.INCOMPAT_UNKNOWN);
        assertTrue(f.message().contains("0x1000000"), f.message());
        assertTrue(e2fsck(fs, "-fn").contains("has unsupported feature(s): FEATURE_I24"));
    }

    @Test
    void unknownRoCompatBit() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        Ext4Fixture.setPrimaryInt(fs, 0x64, ByteSurgery.getInt(fs, SB + 0x64) | 0x800000);
        Finding f = only(Ext4Fixture.diagnose(fs), Ext4Codes.RO_COMPAT_UNKNOWN);
        assertTrue(f.message().contains("0x800000"), f.message());
        assertTrue(e2fsck(fs, "-fn").contains("has unsupported feature(s): FEATURE_R23"));
    }

    @Test
    void mountCountOverTheMaximum() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        Tools.run("tune2fs", "-c", "3", "-C", "5", fs.toString()); // the real tool sets both counts
        SubjectResult r = Ext4Fixture.diagnose(fs);
        assertEquals(List.of(), Findings.problemCodes(r));
        Finding f = Findings.of(r, Ext4Codes.CHECK_DUE).get(0);
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.message().contains("mounted 5 times"), f.message());
        assertTrue(e2fsck(fs, "-n").contains("has been mounted 5 times without being checked"));
    }
}
