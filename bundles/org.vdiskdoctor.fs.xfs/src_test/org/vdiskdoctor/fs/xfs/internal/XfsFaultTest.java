// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.fs.xfs.internal.XfsFixture.AG_BYTES;
import static org.vdiskdoctor.testing.Findings.codes;
import static org.vdiskdoctor.testing.Findings.problems;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.fs.xfs.XfsCodes;
import org.vdiskdoctor.testing.Tools;

/**
 * One fault per finding code, made by documented byte surgery on a fresh mkfs.xfs filesystem (the file is the whole
 * disk), and what xfs_repair -n says about the same bytes.
 */
class XfsFaultTest {

    @TempDir
    Path tmp;

    private Path fs;

    @BeforeEach
    void makeFilesystem() throws Exception {
        fs = XfsFixture.filesystem(tmp, "fs.img");
    }

    /** The problems (errors and warnings) of the diagnosis, which must all carry {@code code}; returns the first. */
    private Finding only(FindingCode code) throws Exception {
        SubjectResult r = XfsFixture.diagnose(fs);
        List<Finding> p = problems(r);
        assertTrue(!p.isEmpty() && p.stream().allMatch(f -> f.code().equals(code)), () -> code + " expected: "
                + r.findings());
        assertTrue(codes(r).contains(XfsCodes.FOUND), r.findings()::toString);
        return p.get(0);
    }

    private String repair() throws Exception {
        return XfsFixture.repairDryRun(fs).out();
    }

    @Test
    void healthyFilesystemHasOnlyTheInfoAndXfsRepairAgrees() throws Exception {
        SubjectResult r = XfsFixture.diagnose(fs);
        assertEquals(List.of(XfsCodes.FOUND), codes(r), r.findings()::toString);
        assertTrue(r.findings().get(0).message().contains("XFS v5 filesystem 'vdd' UUID "), r.findings()::toString);
        Tools.Run repair = XfsFixture.repairDryRun(fs);
        assertEquals(0, repair.exit(), repair.out());
        assertTrue(!repair.out().contains("would") && !repair.out().contains("bad "), repair.out());
    }

    @Test
    void primaryMagicZeroedIsInvalidAndAg1IsTheRescue() throws Exception {
        XfsFixture.putInt(fs, 0, 0); // sb_magicnum
        Finding f = only(XfsCodes.SUPERBLOCK_INVALID);
        assertTrue(f.message().contains("magic is 0x0") && f.message().contains("AG 1 at volume byte " + AG_BYTES),
                f::message);
        String text = repair();
        assertTrue(text.contains("bad primary superblock - bad magic number")
                && text.contains("verified secondary superblock"), text);
    }

    @Test
    void primaryBlockSizeUnusableSoTheSecondaryIsFoundBySearching() throws Exception {
        XfsFixture.putInt(fs, 4, 3000); // sb_blocksize: not a power of two, CRC made right
        XfsFixture.fixPrimaryCrc(fs);
        Finding f = only(XfsCodes.SUPERBLOCK_INVALID);
        assertTrue(f.message().contains("block size 3000") && f.message().contains("AG 1 at volume byte " + AG_BYTES
                + " (found by searching the volume"), f::message);
        String text = repair();
        assertTrue(text.contains("bad primary superblock - bad blocksize log field")
                && text.contains("verified secondary superblock"), text);
    }

    @Test
    void primaryLabelChangedWithoutCrcIsACrcMismatch() throws Exception {
        XfsFixture.putByte(fs, 108, 'w'); // sb_fname[0]: "vdd" -> "wdd", sb_crc left stale
        Finding f = only(XfsCodes.SUPERBLOCK_CRC);
        assertTrue(f.message().contains("AG 1"), f::message);
        assertTrue(repair().contains("bad primary superblock - bad CRC in superblock"));
    }

    @Test
    void filesystemLargerThanItsPartitionIsBeyondTheVolume() throws Exception {
        // a 200 MiB GPT partition at 1 MiB holding the 300 MiB filesystem (the partition was shrunk)
        Path disk = tmp.resolve("disk.img");
        Tools.run("truncate", "-s", "320M", disk.toString());
        Tools.run("sgdisk", "-n1:2048:+200M", disk.toString());
        Tools.run("dd", "if=" + fs, "of=" + disk, "bs=1M", "seek=1", "conv=notrunc,sparse", "status=none");
        SubjectResult r = XfsFixture.diagnose(disk);
        List<Finding> p = problems(r);
        assertEquals(List.of(XfsCodes.BEYOND_VOLUME), p.stream().map(Finding::code).distinct().toList(),
                r.findings()::toString);
        assertTrue(p.get(0).message().contains("the volume holds " + (200L << 20) + " bytes"), p.get(0)::message);
        // evidence in the file: sb_dblocks of the superblock at guest (= file) byte 1 MiB + 8
        assertEquals((1L << 20) + 8, p.get(0).evidence().get(0).offset());
    }

    @Test
    void unknownIncompatFeatureBit() throws Exception {
        XfsFixture.putInt(fs, 216, XfsFixture.getInt(fs, 216) | 1 << 30); // sb_features_incompat
        XfsFixture.fixPrimaryCrc(fs);
        assertTrue(only(XfsCodes.UNKNOWN_INCOMPAT).message().contains("0x40000000"));
        assertTrue(repair().contains("Superblock has unknown compat/rocompat/incompat features (0x0/0x0/0x40000000)"));
    }

    @Test
    void unknownRoCompatFeatureBit() throws Exception {
        XfsFixture.putInt(fs, 212, XfsFixture.getInt(fs, 212) | 1 << 30); // sb_features_ro_compat
        XfsFixture.fixPrimaryCrc(fs);
        assertTrue(only(XfsCodes.UNKNOWN_RO_COMPAT).message().contains("0x40000000"));
        assertTrue(repair().contains("Superblock has unknown compat/rocompat/incompat features (0x0/0x40000000/0x0)"));
    }

    @Test
    void needsRepairFeatureBit() throws Exception {
        XfsFixture.putInt(fs, 216, XfsFixture.getInt(fs, 216) | Superblock.INCOMPAT_NEEDS_REPAIR);
        XfsFixture.fixPrimaryCrc(fs);
        only(XfsCodes.NEEDS_REPAIR);
        assertTrue(repair().contains("would clear needsrepair flag"));
    }

    @Test
    void mkfsInProgressFlag() throws Exception {
        XfsFixture.putByte(fs, 126, 1); // sb_inprogress
        XfsFixture.fixPrimaryCrc(fs);
        only(XfsCodes.IN_PROGRESS);
        assertTrue(repair().contains("bad primary superblock - filesystem mkfs-in-progress bit set"));
    }

    @Test
    void logStartRunningPastItsAg() throws Exception {
        // sb_logstart = AG 3, block 19100: its 16384 blocks would run far past the AG's 19200
        XfsFixture.putLong(fs, 48, 3L << 15 | 19100);
        XfsFixture.fixPrimaryCrc(fs);
        SubjectResult r = XfsFixture.diagnose(fs);
        assertTrue(codes(r).contains(XfsCodes.LOG_OUTSIDE), r.findings()::toString);
        // the secondaries keep the old log start, which they report
        assertTrue(problems(r).stream().allMatch(f -> f.code().equals(XfsCodes.LOG_OUTSIDE)
                || f.code().equals(XfsCodes.SECONDARY_MISMATCH)), r.findings()::toString);
        assertTrue(repair().contains("would write modified primary superblock"));
    }

    @Test
    void secondaryMagicZeroed() throws Exception {
        XfsFixture.putInt(fs, 2 * AG_BYTES, 0);
        assertTrue(only(XfsCodes.SECONDARY_INVALID).message().contains("AG 2"));
        assertTrue(repair().contains("bad on-disk superblock 2 - bad magic number"));
    }

    @Test
    void secondaryWithOtherBlockCount() throws Exception {
        XfsFixture.putLong(fs, 3 * AG_BYTES + 8, 76799); // sb_dblocks of AG 3's copy, CRC made right
        XfsFixture.fixCrc(fs, 3 * AG_BYTES, 512, Superblock.CRC_OFFSET);
        assertTrue(only(XfsCodes.SECONDARY_MISMATCH).message().contains("data blocks 76799 vs 76800"));
        assertTrue(repair().contains("primary/secondary superblock 3 conflict"));
    }

    @Test
    void agfFreeBlocksChangedWithoutCrc() throws Exception {
        XfsFixture.putInt(fs, 512 + 52, 5); // agf_freeblks of AG 0 (sector 1)
        assertTrue(only(XfsCodes.AGF_INVALID).message().contains("CRC-32C"));
        assertTrue(repair().contains("agf has bad CRC for ag 0"));
    }

    @Test
    void agiMagicZeroed() throws Exception {
        XfsFixture.putInt(fs, 1024, 0); // agi_magicnum of AG 0 (sector 2)
        assertTrue(only(XfsCodes.AGI_INVALID).message().contains("not \"XAGI\""));
        assertTrue(repair().contains("bad magic # 0x0 for agi 0"));
    }

    private long logStart() throws Exception {
        return Superblock.parse(XfsFixture.read(fs, 0, 512)).logByteOffset();
    }

    @Test
    void unmountRecordTurnedIntoAnOrdinaryRecordMakesTheLogDirty() throws Exception {
        // mkfs writes one record at log block 0 whose only operation (block 1) is flagged XLOG_UNMOUNT_TRANS at byte 9
        long log = logStart();
        assertEquals(XfsLog.UNMOUNT_TRANS, XfsFixture.read(fs, log + 512 + 9, 1).get() & 0xff);
        XfsFixture.putByte(fs, log + 512 + 9, 0);
        assertTrue(only(XfsCodes.LOG_DIRTY).message().contains("log block 0"));
        assertTrue(repair().contains("The filesystem has valuable metadata changes in a log"));
        assertEquals("    log tail: 0 head: 2 state: <DIRTY>", Tools.run("xfs_logprint", "-t", fs.toString())
                .lines().filter(l -> l.contains("log tail")).findFirst().orElse(""));
    }

    @Test
    void recordHeaderMagicOverwrittenMakesTheLogUnreadable() throws Exception {
        XfsFixture.putInt(fs, logStart(), 0xdeadbeef); // 0xFEEDBABE of the only record
        only(XfsCodes.LOG_UNREADABLE);
        assertTrue(repair().contains("zero_log: cannot find log head/tail"));
    }
}
