// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.core.spi.GuestDisk;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;

/** The shared deep-check flow, with real programs standing in for fsck tools ({@code od} prints what it read). */
class DeepRunTest {

    @TempDir
    Path tmp;

    private final List<Finding> found = new ArrayList<>();

    /** 8 MiB, zero except the text "VOLUME-START" at 2 MiB, where the test's volume begins. */
    private Path disk() throws IOException {
        Path p = tmp.resolve("disk.img");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(8L << 20);
            f.seek(2L << 20);
            f.write("VOLUME-START".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return p;
    }

    /** {@code od} prints the first 12 bytes it is pointed at as characters. */
    private static final DeepRun.Command OD = (tool, t) -> List.of(tool.toString(), "-A", "n", "-c", "-j",
            Long.toString(t.offset()), "-N", "12", t.file().toString());

    private Optional<ExternalTool.Result> run(String format, DeepCheck settings, String tool, boolean atOffset,
            DeepRun.Command cmd) throws IOException {
        try (ImageSource s = ImageSource.open(disk())) {
            GuestDisk d = new GuestDisk(new VolumeCopyTest.Flat(s, format));
            GuestVolume v = new GuestVolume(d, new Volume("gpt:1", 2L << 20, 4L << 20, "gpt", "GPT partition 1",
                    "ext4"), settings);
            return DeepRun.run(v, tool, "coreutils", atOffset, cmd, found::add, Monitor.NONE);
        }
    }

    private static String squeeze(String odOutput) {
        return odOutput.replaceAll("\\s+", "");
    }

    @Test
    void offDoesNothingAndSaysNothing() throws IOException {
        assertTrue(run("raw", DeepCheck.OFF, "od", true, OD).isEmpty());
        assertEquals(List.of(), found);
    }

    @Test
    void aRawImageIsReadInPlaceWhenTheToolTakesAnOffset() throws IOException {
        Path work = Files.createDirectories(tmp.resolve("work"));
        ExternalTool.Result r = run("raw", DeepCheck.in(work), "od", true, OD).orElseThrow();
        assertEquals("VOLUME-START", squeeze(r.output()));
        assertEquals(List.of(), found);
    }

    @Test
    void otherFormatsAndToolsWithoutOffsetsReadATemporaryCopyThatIsRemoved() throws IOException {
        Path work = Files.createDirectories(tmp.resolve("work"));
        List<DeepRun.Target> targets = new ArrayList<>();
        DeepRun.Command seen = (tool, t) -> {
            targets.add(t);
            return OD.build(tool, t);
        };
        for (String format : List.of("qcow2", "raw")) {
            ExternalTool.Result r = run(format, DeepCheck.in(work), "od", false, seen).orElseThrow();
            assertEquals("VOLUME-START", squeeze(r.output()), format);
        }
        for (DeepRun.Target t : targets) {
            assertEquals(work, t.file().getParent(), "a copy in the temporary folder: " + t);
            assertEquals(0, t.offset());
            assertEquals(4L << 20, t.length());
        }
        try (var left = Files.list(work)) {
            assertEquals(0, left.count(), "copies are deleted");
        }
        assertEquals(List.of(), found);
    }

    @Test
    void aMissingToolASkippedCopyAndATimeoutAreFindings() throws IOException {
        assertTrue(run("raw", DeepCheck.in(tmp), "vdisk-doctor-no-such-fsck", true, OD).isEmpty());
        assertTrue(run("qcow2", new DeepCheck(true, tmp, 1 << 20, Duration.ofSeconds(5)), "od", true, OD).isEmpty());
        DeepRun.Command sleep = (tool, t) -> List.of(tool.toString(), "30");
        long t0 = System.nanoTime();
        assertTrue(run("raw", new DeepCheck(true, tmp, 1 << 30, Duration.ofSeconds(1)), "sleep", true, sleep)
                .isEmpty());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos(), "the time limit stops the tool");
        assertEquals(List.of(CoreCodes.DEEP_TOOL_MISSING, CoreCodes.DEEP_SKIPPED, CoreCodes.DEEP_TOOL_FAILED),
                found.stream().map(Finding::code).toList(), found::toString);
        assertTrue(found.get(0).message().contains("vdisk-doctor-no-such-fsck") && found.get(0).message()
                .contains("coreutils"), found.get(0)::message);
        assertTrue(found.get(1).message().contains("--deep-max"), found.get(1)::message);
    }
}
