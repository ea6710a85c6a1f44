// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.fat.internal;

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
import org.vdiskdoctor.fs.fat.FatCodes;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Findings;
import org.vdiskdoctor.testing.Tools;

/**
 * The deep check's verdicts other than faults: clean (in place on a raw image that it leaves untouched, and on a
 * temporary copy of a QCOW2), off by default, skipped over the copy limit, a missing tool, a tool that never ends,
 * and text that does not add up. Stand-in programs take fsck.fat's place through the package-private constructor.
 */
class FatDeepRunTest {

    @TempDir
    Path tmp;

    private Path work() throws Exception {
        return Files.createDirectories(tmp.resolve("work-" + System.nanoTime()));
    }

    private static FatProbe with(String tool, String... options) {
        return new FatProbe(new FatDeepCheck(tool, List.of(options)));
    }

    @Test
    void healthyIsCleanInPlaceOnRawWithoutWritingAndOnACopyOfQcow2() throws Exception {
        Path fs = FatFixture.fat32(tmp, "fs.img");
        Tools.Run fsck = Tools.exec("fsck.fat", "-n", fs.toString());
        assertEquals(0, fsck.exit(), fsck.out());
        String version = fsck.out().lines().findFirst().orElseThrow();
        assertTrue(version.startsWith("fsck.fat 4."), version);
        assertTrue(fsck.out().contains(": 1 files, 1/80628 clusters"), fsck.out());

        FileTime past = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(fs, past);
        byte[] before = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(fs));
        Path work = work();
        for (Path image : List.of(fs, Disks.qcow2(fs))) {
            SubjectResult r = FatFixture.diagnose(image, DeepCheck.in(work));
            Finding clean = Findings.only(r, FatCodes.DEEP_CLEAN);
            assertTrue(clean.message().matches(".*fsck\\.fat -n \\(" + version.replace("(", "\\(").replace(")",
                    "\\)") + "\\) found no problem in \\d+\\.\\d\\d s: 1 files, 1/80628 clusters"), clean.message());
            assertEquals(List.of(), Findings.problems(r), image.toString());
            try (var left = Files.list(work)) {
                assertEquals(0, left.count(), "no copy left behind");
            }
        }
        assertArrayEquals(before, MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(fs)));
        assertEquals(past, Files.getLastModifiedTime(fs), "fsck.fat read the raw image in place without writing");
    }

    @Test
    void offByDefault() throws Exception {
        SubjectResult r = FatFixture.diagnose(FatFixture.fat32(tmp, "fs.img"));
        assertTrue(Findings.codes(r).stream().noneMatch(c -> c.toString().contains(".deep.")), r.findings()::toString);
    }

    @Test
    void aVolumeOverTheCopyLimitIsSkipped() throws Exception {
        Path q = Disks.qcow2(FatFixture.fat32(tmp, "fs.img"));
        SubjectResult r = FatFixture.diagnose(q, new DeepCheck(true, work(), 1 << 20, DeepCheck.DEFAULT_TIMEOUT));
        assertTrue(Findings.only(r, CoreCodes.DEEP_SKIPPED).message().contains("fsck.fat"));
        assertFalse(Findings.codes(r).contains(FatCodes.DEEP_CLEAN));
    }

    @Test
    void aMissingToolIsReportedNotFaked() throws Exception {
        Path fs = FatFixture.fat32(tmp, "fs.img");
        assertTrue(FatDeepCheck.TOOL.equals("fsck.fat"), "the product runs the real tool");
        SubjectResult r = FatFixture.diagnose(fs, DeepCheck.in(work()), with("fsck.nonexistent", "-n"));
        Finding f = Findings.only(r, CoreCodes.DEEP_TOOL_MISSING);
        assertTrue(f.message().contains("fsck.nonexistent is not installed") && f.message().contains("dosfstools"),
                f.message());
        assertFalse(Findings.codes(r).contains(FatCodes.DEEP_CLEAN));
    }

    @Test
    void aToolThatOutlivesTheTimeLimitIsStopped() throws Exception {
        // tail -f never ends by itself: it waits for the image to grow
        Path fs = FatFixture.fat32(tmp, "fs.img");
        long t0 = System.nanoTime();
        SubjectResult r = FatFixture.diagnose(fs, new DeepCheck(true, work(), 1 << 30, Duration.ofSeconds(1)),
                with("tail", "-f", "-c", "0"));
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos());
        assertTrue(Findings.only(r, CoreCodes.DEEP_TOOL_FAILED).message().contains("time limit of 1 s"));
        assertFalse(Findings.codes(r).contains(FatCodes.DEEP_CLEAN));
    }

    @Test
    void textThatDoesNotAddUpIsNeverClean() throws Exception {
        Path fs = FatFixture.fat32(tmp, "fs.img");
        // a clean text with a failing exit code, and a text with no summary line: no verdict either way
        String clean = "printf 'fsck.fat 4.2 (2021-01-31)\\n%s: 1 files, 1/80628 clusters\\n' \"$1\"; exit ";
        for (String script : List.of(clean + "1", "echo Segmentation fault; exit 0")) {
            SubjectResult r = FatFixture.diagnose(fs, DeepCheck.in(work()), with("sh", "-c", script, "sh"));
            Finding f = Findings.only(r, CoreCodes.DEEP_TOOL_FAILED);
            assertTrue(f.message().contains(script.endsWith("1") ? "exit code 1 says it found problems but its text "
                    + "names none" : "not understood (exit code 0, no summary line): \"Segmentation fault\""),
                    f.message());
            assertFalse(Findings.codes(r).contains(FatCodes.DEEP_CLEAN), script);
        }
    }
}
