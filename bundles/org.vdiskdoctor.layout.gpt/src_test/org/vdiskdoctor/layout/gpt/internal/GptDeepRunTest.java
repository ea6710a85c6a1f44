// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.layout.gpt.internal.GptDeepFixture.deepCodes;
import static org.vdiskdoctor.layout.gpt.internal.GptDeepFixture.diagnose;
import static org.vdiskdoctor.layout.gpt.internal.GptDeepFixture.only;
import static org.vdiskdoctor.layout.gpt.internal.GptDeepFixture.with;

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
import org.vdiskdoctor.layout.gpt.GptCodes;

/**
 * The sgdisk -v deep check's verdicts other than faults: clean (in place on a raw image that it leaves untouched, and
 * on a temporary copy of a QCOW2), off by default, no run on a disk without a GPT, skipped over the copy limit and on
 * a 4K-native disk, a missing tool, a tool that never ends, and text that does not add up. Stand-in programs take
 * sgdisk's place through the package-private constructor of {@link SgdiskCheck}.
 */
class GptDeepRunTest {

    @TempDir
    Path tmp;

    private Path work() throws Exception {
        return Files.createDirectories(tmp.resolve("work-" + System.nanoTime()));
    }

    @Test
    void healthyIsCleanInPlaceOnRawWithoutWritingAndOnACopyOfQcow2() throws Exception {
        Path disk = GptFixture.healthy(tmp, "disk.img");
        String said = GptDeepFixture.sgdisk(disk);
        assertEquals("No problems found. 28605 free sectors (14.0 MiB) available in 2 segments, the largest of which "
                + "is 26591 (13.0 MiB) in size.", said.strip().replaceAll("\\s+", " "));

        FileTime past = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(disk, past);
        byte[] before = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(disk));
        Path work = work();
        Path qcow2 = GptDeepFixture.qcow2(disk);
        for (Path image : List.of(disk, qcow2)) {
            SubjectResult r = diagnose(image, DeepCheck.in(work));
            Finding clean = only(r, GptCodes.DEEP_CLEAN);
            String where = image == disk ? "read in place in the raw image" : "on a temporary copy of the guest disk";
            assertTrue(clean.message().matches(".*whole disk at guest byte 0: sgdisk -v, " + where + ", \\d+\\.\\d\\d "
                    + "s: no problems found in the GPT \\(28605 free sectors \\(14\\.0 MiB\\) available in 2 segments, "
                    + "the largest of which is 26591 \\(13\\.0 MiB\\) in size\\.\\)"), clean.message());
            assertEquals(List.of(GptCodes.DEEP_CLEAN), deepCodes(r));
            assertEquals(List.of(GptCodes.PARTITION_OFFSETS), GptDeepFixture.codes(r).stream()
                    .filter(c -> c.domain().equals("gpt") && !c.equals(GptCodes.DEEP_CLEAN)).toList(),
                    "our own checks agree: nothing wrong");
            try (var left = Files.list(work)) {
                assertEquals(0, left.count(), "no copy left behind");
            }
        }
        assertArrayEquals(before, MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(disk)));
        assertEquals(past, Files.getLastModifiedTime(disk), "sgdisk -v read the raw image in place without writing");
    }

    @Test
    void offByDefaultAndNotRunOnADiskWithoutAGpt() throws Exception {
        SubjectResult off = diagnose(GptFixture.healthy(tmp, "disk.img"), DeepCheck.OFF);
        assertEquals(List.of(), deepCodes(off));
        Path blank = tmp.resolve("blank.img");
        GptFixture.run("truncate", "-s", "8M", blank.toString());
        // sgdisk would say "Creating new GPT entries in memory. No problems found.": nothing to check here
        assertEquals(List.of(), deepCodes(diagnose(blank, DeepCheck.in(work()))));
    }

    @Test
    void aDiskOverTheCopyLimitIsSkipped() throws Exception {
        Path q = GptDeepFixture.qcow2(GptFixture.healthy(tmp, "disk.img"));
        SubjectResult r = diagnose(q, new DeepCheck(true, work(), 1 << 20, DeepCheck.DEFAULT_TIMEOUT));
        Finding f = only(r, CoreCodes.DEEP_SKIPPED);
        assertTrue(f.message().contains("the sgdisk check was skipped: the volume (67108864 bytes) is larger than "
                + "the copy limit of 1048576 bytes (--deep-max)"), f.message());
        assertEquals(List.of(CoreCodes.DEEP_SKIPPED), deepCodes(r));
    }

    @Test
    void a4KNativeDiskIsSkippedBecauseSgdiskWouldReadItAs512ByteSectors() throws Exception {
        Path disk = Gpt4KnTest.disk4Kn(tmp, "4kn.img");
        // what sgdisk would say: no GPT at byte 512, so it verifies an empty table it makes up: a false "clean"
        String said = GptDeepFixture.sgdisk(disk);
        assertTrue(said.contains("Creating new GPT entries in memory.") && said.contains("No problems found."), said);
        SubjectResult r = diagnose(disk, DeepCheck.in(work()));
        Finding f = only(r, CoreCodes.DEEP_SKIPPED);
        assertTrue(f.message().contains("the sgdisk check was skipped: the GPT counts in 4096-byte sectors, and "
                + "sgdisk reads a disk image file as 512-byte sectors"), f.message());
        assertEquals(List.of(CoreCodes.DEEP_SKIPPED), deepCodes(r));
        only(r, GptCodes.SECTOR_SIZE_DETECTED);
    }

    @Test
    void aMissingToolIsReportedNotFaked() throws Exception {
        assertEquals("sgdisk", SgdiskCheck.TOOL, "the product runs the real tool");
        SubjectResult r = diagnose(GptFixture.healthy(tmp, "disk.img"), DeepCheck.in(work()),
                with("sgdisk.nonexistent", "-v"));
        Finding f = only(r, CoreCodes.DEEP_TOOL_MISSING);
        assertTrue(f.message().contains("sgdisk.nonexistent is not installed, so its read-only check of this whole "
                + "disk did not run (Debian package gdisk)"), f.message());
        assertEquals(List.of(CoreCodes.DEEP_TOOL_MISSING), deepCodes(r));
    }

    @Test
    void aToolThatOutlivesTheTimeLimitIsStopped() throws Exception {
        // tail -f never ends by itself: it waits for the image to grow
        long t0 = System.nanoTime();
        SubjectResult r = diagnose(GptFixture.healthy(tmp, "disk.img"), new DeepCheck(true, work(), 1 << 30,
                Duration.ofSeconds(1)), with("tail", "-f", "-c", "0"));
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos());
        assertTrue(only(r, CoreCodes.DEEP_TOOL_FAILED).message().contains("time limit of 1 s"));
        assertEquals(List.of(CoreCodes.DEEP_TOOL_FAILED), deepCodes(r));
    }

    @Test
    void textThatDoesNotAddUpIsNeverClean() throws Exception {
        Path disk = GptFixture.healthy(tmp, "disk.img");
        String clean = "printf '\\nNo problems found. 28605 free sectors (14.0 MiB) available in 2\\n"
                + "segments, the largest of which is 26591 (13.0 MiB) in size.\\n'; exit ";
        List<List<String>> cases = List.of(
                // a clean text with a failing exit code
                List.of(clean + "1", "it exited with code 1: \"No problems found."),
                // no verdict line at all
                List.of("echo Segmentation fault; exit 0", "neither \"No problems found\" nor \"Identified N "
                        + "problems!\"): \"Segmentation fault\""),
                // both verdict lines
                List.of("echo 'No problems found. 1 free sectors'; echo; echo 'Identified 2 problems!'",
                        "it says both"),
                // a count with no problem named
                List.of("echo 'Identified 2 problems!'", "it counted 2 problems but its text names none"));
        for (List<String> c : cases) {
            SubjectResult r = diagnose(disk, DeepCheck.in(work()), with("sh", "-c", c.get(0), "sh"));
            Finding f = only(r, CoreCodes.DEEP_TOOL_FAILED);
            assertTrue(f.message().contains("sh gave no usable verdict: ") && f.message().contains(c.get(1)),
                    f.message());
            assertFalse(deepCodes(r).contains(GptCodes.DEEP_CLEAN), c.get(0));
        }
    }
}
