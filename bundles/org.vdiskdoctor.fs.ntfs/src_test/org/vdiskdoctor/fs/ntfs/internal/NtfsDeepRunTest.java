// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.fs.ntfs.NtfsCodes;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Findings;
import org.vdiskdoctor.testing.Tools;

/**
 * The deep check's verdicts other than faults: clean (in place on a raw image that it leaves untouched, and on a
 * temporary copy of a QCOW2), off by default, skipped over the copy limit, a missing tool, a tool that never ends,
 * and text that does not add up. Stand-in programs take ntfsfix's place through the package-private constructor.
 */
class NtfsDeepRunTest {

    @TempDir
    Path tmp;

    private Path work() throws Exception {
        return Files.createDirectories(tmp.resolve("work-" + System.nanoTime()));
    }

    private static NtfsProbe with(String tool, String... options) {
        return new NtfsProbe(new NtfsDeepCheck(tool, List.of(options)));
    }

    @Test
    void healthyIsCleanInPlaceOnRawWithoutWritingAndOnACopyOfQcow2() throws Exception {
        Path fs = NtfsFixture.ntfs(tmp, "fs.img");
        Tools.Run ntfsfix = Tools.exec("ntfsfix", "-n", fs.toString());
        assertEquals(0, ntfsfix.exit(), ntfsfix.out());
        assertTrue(ntfsfix.out().contains("NTFS partition " + fs + " was processed successfully."), ntfsfix.out());

        FileTime past = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(fs, past);
        byte[] before = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(fs));
        Path work = work();
        for (Path image : List.of(fs, Disks.qcow2(fs))) {
            SubjectResult r = NtfsFixture.diagnose(image, DeepCheck.in(work));
            Finding clean = Findings.only(r, NtfsCodes.DEEP_CLEAN);
            assertTrue(clean.message().matches(".*ntfsfix -n found no problem in \\d+\\.\\d\\d s \\(\"NTFS partition "
                    + "\\.\\.\\. was processed successfully\\.\"\\); it does not look for hibernation or a dirty "
                    + "journal"), clean.message());
            assertEquals(List.of(), Findings.problems(r), image.toString());
            try (var left = Files.list(work)) {
                assertEquals(0, left.count(), "no copy left behind");
            }
        }
        assertArrayEquals(before, MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(fs)));
        assertEquals(past, Files.getLastModifiedTime(fs), "ntfsfix read the raw image in place without writing");
    }

    @Test
    void offByDefault() throws Exception {
        SubjectResult r = NtfsFixture.diagnose(NtfsFixture.ntfs(tmp, "fs.img"));
        assertTrue(Findings.codes(r).stream().noneMatch(c -> c.toString().contains(".deep.")),
                r.findings()::toString);
    }

    @Test
    void aVolumeOverTheCopyLimitIsSkipped() throws Exception {
        Path q = Disks.qcow2(NtfsFixture.ntfs(tmp, "fs.img"));
        SubjectResult r = NtfsFixture.diagnose(q, new DeepCheck(true, work(), 1 << 20, DeepCheck.DEFAULT_TIMEOUT));
        assertTrue(Findings.only(r, CoreCodes.DEEP_SKIPPED).message().contains("ntfsfix"));
        assertFalse(Findings.codes(r).contains(NtfsCodes.DEEP_CLEAN));
    }

    @Test
    void aMissingToolIsReportedNotFaked() throws Exception {
        Path fs = NtfsFixture.ntfs(tmp, "fs.img");
        assertEquals("ntfsfix", NtfsDeepCheck.TOOL, "the product runs the real tool");
        SubjectResult r = NtfsFixture.diagnose(fs, DeepCheck.in(work()), with("fsck.nonexistent", "-n"));
        Finding f = Findings.only(r, CoreCodes.DEEP_TOOL_MISSING);
        assertTrue(f.message().contains("fsck.nonexistent is not installed") && f.message().contains("ntfs-3g"),
                f.message());
        assertFalse(Findings.codes(r).contains(NtfsCodes.DEEP_CLEAN));
    }

    @Test
    void aToolThatOutlivesTheTimeLimitIsStopped() throws Exception {
        // tail -f never ends by itself: it waits for the image to grow
        Path fs = NtfsFixture.ntfs(tmp, "fs.img");
        long t0 = System.nanoTime();
        SubjectResult r = NtfsFixture.diagnose(fs, new DeepCheck(true, work(), 1 << 30, Duration.ofSeconds(1)),
                with("tail", "-f", "-c", "0"));
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos());
        assertTrue(Findings.only(r, CoreCodes.DEEP_TOOL_FAILED).message().contains("time limit of 1 s"));
        assertFalse(Findings.codes(r).contains(NtfsCodes.DEEP_CLEAN));
    }

    @Test
    void textThatDoesNotAddUpIsNeverClean() throws Exception {
        Path fs = NtfsFixture.ntfs(tmp, "fs.img");
        // a clean text with a failing exit code, and a text without ntfsfix's last line: no verdict either way
        String clean = "printf 'Mounting volume... OK\\nNTFS partition %s was processed successfully.\\n' \"$1\"; exit ";
        for (String script : List.of(clean + "1", "printf 'Mounting volume... OK\\n'; exit 0")) {
            SubjectResult r = NtfsFixture.diagnose(fs, DeepCheck.in(work()), with("sh", "-c", script, "sh"));
            Finding f = Findings.only(r, CoreCodes.DEEP_TOOL_FAILED);
            assertTrue(f.message().contains(script.endsWith("1") ? "exit code 1 disagrees with its text, which names "
                    + "no problem" : "not understood (exit code 0): \"Mounting volume... OK\""), f.message());
            assertFalse(Findings.codes(r).contains(NtfsCodes.DEEP_CLEAN), script);
        }
    }
}
