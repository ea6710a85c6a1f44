// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.fs.ext4.internal.Ext4Fixture.SB;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
import org.vdiskdoctor.fs.ext4.Ext4Codes;
import org.vdiskdoctor.testing.ByteSurgery;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Findings;
import org.vdiskdoctor.testing.Tools;

/**
 * The deep check by the real e2fsck -fn through the engine: on a raw GPT disk it reads the image in place
 * ({@code 'disk.img?offset=1048576'}), on the QCOW2 of the same disk a temporary copy. Each fault is byte surgery on
 * the filesystem file, and e2fsck's own text on that file is asserted next to the finding derived from it.
 */
class Ext4DeepCheckTest {

    @TempDir
    Path tmp;

    private Path work;

    @BeforeEach
    void workFolder() throws Exception {
        work = Files.createDirectories(tmp.resolve("work"));
    }

    private DeepCheck deep() {
        return DeepCheck.in(work);
    }

    /** The deep findings (and the core's) of the raw disk and of its QCOW2, which must agree; returns the raw's. */
    /** A GPT disk holding {@code fs}, in a folder of its own (a test may make several). */
    private Path disk(Path fs) throws Exception {
        return Ext4Fixture.gptDisk(Files.createTempDirectory(tmp, "disk"), fs);
    }

    private List<Finding> deepOnRawAndQcow2(Path fs, FindingCode... expected) throws Exception {
        return deepOnRawAndQcow2Disk(disk(fs), expected);
    }

    private List<Finding> deepOnRawAndQcow2Disk(Path disk, FindingCode... expected) throws Exception {
        List<Finding> raw = deepFindings(Ext4Fixture.diagnose(disk, deep(), new Ext4Probe()));
        List<Finding> qcow2 = deepFindings(Ext4Fixture.diagnose(Disks.qcow2(disk), deep(), new Ext4Probe()));
        assertEquals(List.of(expected), raw.stream().map(Finding::code).toList(), raw::toString);
        assertEquals(List.of(expected), qcow2.stream().map(Finding::code).toList(), qcow2::toString);
        assertTrue(raw.get(raw.size() - 1).message().contains("read in place at byte 1048576 of the image"),
                raw::toString);
        assertTrue(qcow2.get(qcow2.size() - 1).message().contains("on a temporary copy"), qcow2::toString);
        try (var left = Files.list(work)) {
            assertEquals(0, left.count(), "the copy is deleted");
        }
        return raw;
    }

    private static List<Finding> deepFindings(SubjectResult r) {
        // the GPT locator's sgdisk check of the whole disk is layout.gpt's to test
        return r.findings().stream().filter(f -> f.code().toString().startsWith("fs.ext4.deep.")
                || f.code().toString().startsWith("core.deep.") && !f.message().contains("sgdisk")).toList();
    }

    private static String e2fsck(Path fs) throws Exception {
        return Tools.exec("e2fsck", "-fn", fs.toString()).out();
    }

    private static byte[] sha256(Path p) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
    }

    @Test
    void healthyFilesystemIsCleanAndTheImageReadInPlaceIsUntouched() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        Path disk = disk(fs);
        assertEquals(List.of(), deepFindings(Ext4Fixture.diagnose(disk)), "deep checks are off by default");
        byte[] before = sha256(disk);
        FileTime mtime = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(disk, mtime);
        List<Finding> f = deepOnRawAndQcow2Disk(disk, Ext4Codes.DEEP_CLEAN);
        assertArrayEquals(before, sha256(disk));
        assertEquals(mtime, Files.getLastModifiedTime(disk));
        assertTrue(java.util.regex.Pattern.compile("e2fsck \\d[^ ]* \\(.*\\) found no problems in this ext4 filesystem "
                + "\\(e2fsck -fn, read in place .*exit code 0, \\d+\\.\\d s\\)$").matcher(f.get(0)
                .message()).find(), f.get(0)::message);
        String text = e2fsck(fs);
        assertTrue(text.contains("Pass 5: Checking group summary information") && text.contains("root: 11/16384 "
                + "files"), text);
    }

    @Test
    void aFileNameWithAQuestionMarkIsReadThroughALink() throws Exception {
        Path disk = Ext4Fixture.gptDisk(tmp, Ext4Fixture.small(tmp));
        Path odd = Files.move(disk, tmp.resolve("disk?offset=7.img"));
        List<Finding> f = deepFindings(Ext4Fixture.diagnose(odd, deep(), new Ext4Probe()));
        assertEquals(List.of(Ext4Codes.DEEP_CLEAN), f.stream().map(Finding::code).toList(), f::toString);
        try (var left = Files.list(work)) {
            assertEquals(0, left.count(), "the link is deleted");
        }
    }

    @Test
    void clearedBlockBitmapBitsAreProblems() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        // group 0's block bitmap (bg_block_bitmap_lo of the first descriptor, in block 2): its first byte marks
        // blocks 1-8 (superblock, descriptors, reserved GDT) used; zeroed, they look free
        long bitmap = ByteSurgery.getInt(fs, 2048) * 1024L;
        ByteSurgery.write(fs, bitmap, new byte[1]);
        Finding f = deepOnRawAndQcow2(fs, Ext4Codes.DEEP_PROBLEMS).get(0);
        assertTrue(f.message().contains("found 4 problems it would fix") && f.message().contains("exit code 4")
                && f.message().contains("\"Block bitmap differences:  +(1--8) | Free blocks count wrong for group "
                        + "#0 (3808, counted=3816)."), f::message);
        String text = e2fsck(fs);
        assertTrue(text.contains("Block bitmap differences:  +(1--8)\nFix? no") && text.contains(
                "Free blocks count wrong for group #0 (3808, counted=3816).\nFix? no") && text.contains(
                        "Group 0 block bitmap does not match checksum.\nIGNORED."), text);
    }

    @Test
    void needsRecoveryIsAJournalToReplayNotCorruption() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        Ext4Fixture.setPrimaryInt(fs, 0x60, ByteSurgery.getInt(fs, SB + 0x60) | Features.INCOMPAT_RECOVER);
        Finding f = deepOnRawAndQcow2(fs, Ext4Codes.DEEP_JOURNAL_RECOVERY, Ext4Codes.DEEP_CLEAN).get(0);
        assertTrue(f.message().contains("skipping journal recovery"), f::message);
        assertTrue(e2fsck(fs).contains("Warning: skipping journal recovery because doing a read-only filesystem "
                + "check.\nPass 1"), fs::toString);
    }

    @Test
    void unusablePrimarySuperblockWithAndWithoutABackupE2fsckFinds() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        ByteSurgery.putShort(fs, SB + 0x38, 0); // s_magic of the primary: e2fsck goes on from group 1's backup
        Finding f = deepOnRawAndQcow2(fs, Ext4Codes.DEEP_SUPERBLOCK_UNUSABLE).get(0);
        assertTrue(f.message().contains("could not use the primary superblock (\"ext2fs_open2: Bad magic number in "
                + "super-block\") and checked the filesystem from a backup superblock"), f::message);
        String text = e2fsck(fs);
        assertTrue(text.contains("Superblock invalid, trying backup blocks...\nPass 1"), text);

        ByteSurgery.putShort(fs, 8193 * 1024L + 0x38, 0); // group 1's backup too: e2fsck gives up, we find group 3's
        f = deepOnRawAndQcow2(fs, Ext4Codes.DEEP_SUPERBLOCK_UNUSABLE).get(0);
        assertTrue(f.message().contains("cannot open this filesystem: \"ext2fs_open2: Bad magic number in "
                + "super-block\"") && f.message().contains("suggests e2fsck -b 8193 or e2fsck -b 32768"), f::message);
        text = e2fsck(fs);
        assertTrue(text.contains("    e2fsck -b 8193 <device>\n or\n    e2fsck -b 32768 <device>"), text);
        SubjectResult own = Ext4Fixture.diagnose(fs);
        assertTrue(Findings.of(own, Ext4Codes.PRIMARY_INVALID).get(0).message().contains("e2fsck -b 24577"),
                own.findings()::toString);
    }

    @Test
    void aFilesystemLargerThanItsPartitionIsCheckedOnACopyWhereE2fsckExitCodeLies() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        Path disk = tmp.resolve("shrunk.img");
        Tools.run("truncate", "-s", "66M", disk.toString());
        Tools.run("sgdisk", "-n1:2048:+40M", disk.toString()); // the 64 MiB filesystem in a 40 MiB partition
        Disks.copyInto(fs, disk, 1 << 20);
        // read in place ('disk?offset=N') e2fsck would see the bytes after the partition as the filesystem's end;
        // on a copy of the 40 MiB volume it sees the cut, says so, answers "Abort? no" and exits 0 all the same
        List<Finding> f = deepFindings(Ext4Fixture.diagnose(disk, deep(), new Ext4Probe()));
        assertEquals(List.of(CoreCodes.DEEP_TOOL_FAILED), f.stream().map(Finding::code).toList(), f::toString);
        assertTrue(f.get(0).message().contains("disagree: it reported 1 problem (\"The filesystem size (according to "
                + "the superblock) is 65536 blocks | The physical size of the device is 40960 blocks | Either the "
                + "superblock or the partition table is likely to be corrupt!\") but exited with code 0"),
                f.get(0)::message);
        Path cut = Files.copy(fs, tmp.resolve("cut.img"));
        Tools.run("truncate", "-s", "40M", cut.toString());
        Tools.Run r = Tools.exec("e2fsck", "-fn", cut.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("The physical size of the device is 40960 blocks\nEither the superblock or the "
                + "partition table is likely to be corrupt!\nAbort? no\n"), r.out());
    }

    @Test
    void aVolumeLargerThanTheCopyLimitIsSkipped() throws Exception {
        Path q = Disks.qcow2(Ext4Fixture.gptDisk(tmp, Ext4Fixture.small(tmp)));
        List<Finding> f = deepFindings(Ext4Fixture.diagnose(q, new DeepCheck(true, work, 1 << 20,
                Duration.ofMinutes(1)), new Ext4Probe()));
        assertEquals(List.of(CoreCodes.DEEP_SKIPPED), f.stream().map(Finding::code).toList(), f::toString);
    }

    @Test
    void aMissingToolIsReportedNotFaked() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        List<Finding> f = deepFindings(Ext4Fixture.diagnose(fs, deep(), new Ext4Probe(new E2fsckCheck(
                "fsck.nonexistent", null))));
        assertEquals(List.of(CoreCodes.DEEP_TOOL_MISSING), f.stream().map(Finding::code).toList(), f::toString);
        assertTrue(f.get(0).message().contains("fsck.nonexistent") && f.get(0).message().contains("e2fsprogs"));
    }

    @Test
    void theTimeLimitStopsTheTool() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        E2fsckCheck sleep = new E2fsckCheck("sleep", (tool, t) -> List.of(tool.toString(), "30"));
        long t0 = System.nanoTime();
        List<Finding> f = deepFindings(Ext4Fixture.diagnose(fs, new DeepCheck(true, work, 1 << 30,
                Duration.ofSeconds(1)), new Ext4Probe(sleep)));
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos());
        assertEquals(List.of(CoreCodes.DEEP_TOOL_FAILED), f.stream().map(Finding::code).toList(), f::toString);
        assertTrue(f.get(0).message().contains("time limit"), f.get(0)::message);
    }

    /** A stand-in that prints {@code text} and exits with {@code exit}, as e2fsck would. */
    private List<Finding> standIn(String text, int exit) throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        E2fsckCheck sh = new E2fsckCheck("sh", (tool, t) -> List.of(tool.toString(), "-c", "printf '%s' \"$0\"; "
                + "exit " + exit, text));
        return deepFindings(Ext4Fixture.diagnose(fs, deep(), new Ext4Probe(sh)));
    }

    private static final String CLEAN = "e2fsck 1.47.0 (5-Feb-2023)\nPass 1: Checking inodes, blocks, and sizes\n"
            + "Pass 2: Checking directory structure\nPass 3: Checking directory connectivity\n"
            + "Pass 4: Checking reference counts\nPass 5: Checking group summary information\n"
            + "root: 11/16384 files (0.0% non-contiguous), 9513/65536 blocks\n";

    @Test
    void textAndExitCodeThatDisagreeOrALineNotUnderstoodAreNoVerdict() throws Exception {
        assertEquals(List.of(Ext4Codes.DEEP_CLEAN), standIn(CLEAN, 0).stream().map(Finding::code).toList());
        Finding lie = standIn(CLEAN, 4).get(0);
        assertEquals(CoreCodes.DEEP_TOOL_FAILED, lie.code());
        assertTrue(lie.message().contains("disagree: it reported no problem but exited with code 4"), lie::message);
        Finding odd = standIn(CLEAN.replace("Pass 1", "Something new\nPass 1"), 0).get(0);
        assertEquals(CoreCodes.DEEP_TOOL_FAILED, odd.code());
        assertTrue(odd.message().contains("not understood: \"Something new\""), odd::message);
        Finding cut = standIn(CLEAN.substring(0, CLEAN.indexOf("Pass 4")), 0).get(0);
        assertTrue(cut.message().contains("did not finish its five passes"), cut::message);
        Finding quiet = standIn(CLEAN.replace("Pass 5", "Bad thing\nFix? no\nPass 5"), 0).get(0);
        assertTrue(quiet.message().contains("it reported 1 problem (\"Bad thing\") but exited with code 0"), quiet::message);
    }
}
