// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.fs.xfs.XfsCodes;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Tools;

/**
 * The deep check by the real xfs_repair -n through the engine: a filesystem that is the whole raw image is read in
 * place, the same filesystem in a GPT partition of a QCOW2 through a temporary copy. Each fault is byte surgery on
 * the filesystem file, and xfs_repair's own text on that file is asserted next to the finding derived from it.
 */
class XfsDeepCheckTest {

    @TempDir
    Path tmp;

    private Path work;
    private Path fs;

    @BeforeEach
    void make() throws Exception {
        work = Files.createDirectories(tmp.resolve("work"));
        fs = XfsFixture.filesystem(tmp, "fs.img");
    }

    private static List<Finding> deepFindings(SubjectResult r) {
        // the GPT locator's sgdisk check of the whole disk is layout.gpt's to test
        return r.findings().stream().filter(f -> f.code().toString().startsWith("fs.xfs.deep.")
                || f.code().toString().startsWith("core.deep.") && !f.message().contains("sgdisk")).toList();
    }

    private static List<FindingCode> codes(List<Finding> f) {
        return f.stream().map(Finding::code).toList();
    }

    /** The deep findings on the raw filesystem (in place) and on a QCOW2 GPT disk holding it (copy); the raw's. */
    private List<Finding> deepOnRawAndQcow2(FindingCode... expected) throws Exception {
        List<Finding> raw = deepFindings(XfsFixture.diagnose(fs, DeepCheck.in(work), new XfsProbe()));
        Path q = Disks.qcow2(XfsFixture.partitioned(Files.createTempDirectory(tmp, "d"), "gpt.img", true, fs));
        List<Finding> qcow2 = deepFindings(XfsFixture.diagnose(q, DeepCheck.in(work), new XfsProbe()));
        assertEquals(List.of(expected), codes(raw), raw::toString);
        assertEquals(List.of(expected), codes(qcow2), qcow2::toString);
        assertTrue(raw.get(0).message().contains("read in place (the whole image)"), raw::toString);
        assertTrue(qcow2.get(0).message().contains("on a temporary copy"), qcow2::toString);
        try (var left = Files.list(work)) {
            assertEquals(0, left.count(), "the copy is deleted");
        }
        return raw;
    }

    private String repair() throws Exception {
        return XfsFixture.repairDryRun(fs).out();
    }

    private static byte[] sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return md.digest();
    }

    @Test
    void healthyFilesystemIsCleanAndTheImageReadInPlaceIsUntouched() throws Exception {
        assertEquals(List.of(), deepFindings(XfsFixture.diagnose(fs)), "deep checks are off by default");
        byte[] before = sha256(fs);
        FileTime mtime = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(fs, mtime);
        Finding f = deepOnRawAndQcow2(XfsCodes.DEEP_CLEAN).get(0);
        assertArrayEquals(before, sha256(fs));
        assertEquals(mtime, Files.getLastModifiedTime(fs));
        assertTrue(f.message().matches(".*xfs_repair -n found no problems in this XFS filesystem \\(xfs_repair -n, "
                + "read in place \\(the whole image\\), exit code 0, \\d+\\.\\d s\\)"), f::message);
        Tools.Run r = XfsFixture.repairDryRun(fs);
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("Phase 7 - verify link counts...\nNo modify flag set, skipping filesystem flush "
                + "and exiting."), r.out());
    }

    @Test
    void agiMagicZeroedIsAProblem() throws Exception {
        XfsFixture.putInt(fs, 1024, 0); // agi_magicnum of AG 0 (sector 2)
        Finding f = deepOnRawAndQcow2(XfsCodes.DEEP_PROBLEMS).get(0);
        assertTrue(f.message().contains("exit code 1") && f.message().contains("agi has bad CRC for ag 0 | bad magic "
                + "# 0x0 for agi 0 | would reset bad agi for ag 0"), f::message);
        assertTrue(repair().contains("agi has bad CRC for ag 0\nbad magic # 0x0 for agi 0\nwould reset bad agi for ag "
                + "0\n"));
    }

    @Test
    void anUnreplayedLogIsItsOwnClass() throws Exception {
        // mkfs's unmount record made an ordinary one (XLOG_UNMOUNT_TRANS off in its only operation, see XfsFaultTest)
        long log = Superblock.parse(XfsFixture.read(fs, 0, 512)).logByteOffset();
        XfsFixture.putByte(fs, log + 512 + 9, 0);
        Finding f = deepOnRawAndQcow2(XfsCodes.DEEP_LOG_DIRTY).get(0);
        assertTrue(f.message().contains("\"ALERT: The filesystem has valuable metadata changes in a log which is being "
                + "ignored because the -n option was used."), f::message);
        assertTrue(repair().contains("ALERT: The filesystem has valuable metadata changes in a log which is being\n"
                + "ignored because the -n option was used.  Expect spurious inconsistencies\n"));
    }

    @Test
    void aBadPrimarySuperblockStopsTheCheck() throws Exception {
        XfsFixture.putInt(fs, 0, 0); // sb_magicnum; our own probe still finds the filesystem by AG 1's copy
        Finding f = deepOnRawAndQcow2(XfsCodes.DEEP_SUPERBLOCK_UNUSABLE).get(0);
        assertTrue(f.message().contains("primary superblock bad (\"bad magic number\"); it verified a secondary "
                + "superblock"), f::message);
        assertTrue(repair().contains("bad primary superblock - bad magic number !!!\n\nattempting to find secondary "
                + "superblock...\n.found candidate secondary superblock...\nverified secondary superblock...\n"));
    }

    @Test
    void aVolumeLargerThanTheCopyLimitIsSkipped() throws Exception {
        Path q = Disks.qcow2(XfsFixture.partitioned(tmp, "gpt.img", true, fs));
        List<Finding> f = deepFindings(XfsFixture.diagnose(q, new DeepCheck(true, work, 1 << 20,
                Duration.ofMinutes(1)), new XfsProbe()));
        assertEquals(List.of(CoreCodes.DEEP_SKIPPED), codes(f), f::toString);
    }

    @Test
    void aMissingToolIsReportedNotFaked() throws Exception {
        List<Finding> f = deepFindings(XfsFixture.diagnose(fs, DeepCheck.in(work), new XfsProbe(new XfsRepairCheck(
                "fsck.nonexistent", null))));
        assertEquals(List.of(CoreCodes.DEEP_TOOL_MISSING), codes(f), f::toString);
        assertTrue(f.get(0).message().contains("xfsprogs"), f.get(0)::message);
    }

    @Test
    void theTimeLimitStopsTheTool() throws Exception {
        XfsRepairCheck sleep = new XfsRepairCheck("sleep", (tool, t) -> List.of(tool.toString(), "30"));
        long t0 = System.nanoTime();
        List<Finding> f = deepFindings(XfsFixture.diagnose(fs, new DeepCheck(true, work, 1L << 30,
                Duration.ofSeconds(1)), new XfsProbe(sleep)));
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos());
        assertEquals(List.of(CoreCodes.DEEP_TOOL_FAILED), codes(f), f::toString);
        assertTrue(f.get(0).message().contains("time limit"), f.get(0)::message);
    }

    private List<Finding> standIn(String text, int exit) throws Exception {
        XfsRepairCheck sh = new XfsRepairCheck("sh", (tool, t) -> List.of(tool.toString(), "-c", "printf '%s' \"$0\"; "
                + "exit " + exit, text));
        return deepFindings(XfsFixture.diagnose(fs, DeepCheck.in(work), new XfsProbe(sh)));
    }

    private static final String CLEAN = "Phase 1 - find and verify superblock...\nPhase 2 - using internal log\n"
            + "        - zero log...\nPhase 3 - for each AG...\n        - agno = 0\nPhase 4 - check for duplicate "
            + "blocks...\nNo modify flag set, skipping phase 5\nPhase 6 - check inode connectivity...\n"
            + "Phase 7 - verify link counts...\nNo modify flag set, skipping filesystem flush and exiting.\n";

    @Test
    void textAndExitCodeThatDisagreeOrTextNotUnderstoodAreNoVerdict() throws Exception {
        assertEquals(List.of(XfsCodes.DEEP_CLEAN), codes(standIn(CLEAN, 0)));
        Finding lie = standIn(CLEAN, 1).get(0);
        assertTrue(lie.code().equals(CoreCodes.DEEP_TOOL_FAILED) && lie.message().contains("disagree: it reported no "
                + "problem but exited with code 1"), lie::message);
        Finding quiet = standIn(CLEAN.replace("Phase 3", "sb_icount 64, counted 0\nPhase 3"), 0).get(0);
        assertTrue(quiet.message().contains("it reported problems but exited with code 0"), quiet::message);
        Finding cut = standIn(CLEAN.substring(0, CLEAN.indexOf("Phase 6")), 0).get(0);
        assertTrue(cut.message().contains("did not finish its seven phases"), cut::message);
        Finding fatal = standIn("Phase 1 - find and verify superblock...\nfatal error -- out of memory\n", 1).get(0);
        assertTrue(fatal.message().contains("it stopped: \"fatal error -- out of memory\""), fatal::message);
        Finding none = standIn("xfs_repair: cannot open VOLUME\n", 1).get(0);
        assertTrue(none.message().contains("did not start checking: \"xfs_repair: cannot open VOLUME\""),
                none::message);
    }
}
