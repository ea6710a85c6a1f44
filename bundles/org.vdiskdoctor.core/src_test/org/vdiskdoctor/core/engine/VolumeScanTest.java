// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.GuestDisk;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.core.spi.OutsideVolumeException;
import org.vdiskdoctor.core.spi.ProbeHeader;
import org.vdiskdoctor.core.spi.VolumeLocator;
import org.vdiskdoctor.core.spi.VolumeProbe;
import org.vdiskdoctor.core.testing.Fixtures;

/**
 * Volumes: the engine offers the whole disk and every partition the locators find to every volume probe. A toy
 * "table" (two lines of text in sector 0) and a toy filesystem (magic TESTFS at its first byte) stand in for MBR/GPT
 * and ext4; the real ones have their own tests in their bundles.
 */
class VolumeScanTest {

    @TempDir
    Path tmp;

    /** Reads the file 1:1 and calls itself raw, so evidence maps guest bytes to file bytes. */
    static final class FlatDriver implements FormatDriver {
        @Override
        public String id() {
            return "raw";
        }

        @Override
        public int score(ProbeHeader header) {
            return SCORE_RAW;
        }

        @Override
        public OpenedImage open(ImageSource source, FindingSink sink, Monitor monitor) {
            return new Flat(source);
        }
    }

    record Flat(ImageSource source) implements OpenedImage, GuestReader {
        @Override
        public String format() {
            return "raw";
        }

        @Override
        public long virtualSize() {
            return source.size();
        }

        @Override
        public long guestSize() {
            return source.size();
        }

        @Override
        public void readGuest(long offset, ByteBuffer dst) throws IOException {
            source.readFully(offset, dst);
        }

        @Override
        public void check(FindingSink sink, Monitor monitor) {
        }

        @Override
        public StructureNode describe() {
            return StructureNode.node("raw").value("flat").build();
        }
    }

    /** Partitions at sectors 8 and 16 (4 sectors each), plus one past the end of the disk that must be left out. */
    static class ToyTable implements VolumeLocator {
        final String id;

        ToyTable(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public List<Volume> locate(GuestDisk disk, Monitor monitor) {
            List<Volume> out = new ArrayList<>();
            for (long[] p : new long[][] { { 1, 8 }, { 2, 16 }, { 3, 1 << 20 } }) {
                if (disk.contains(p[1], 4)) {
                    out.add(new Volume(id + ":" + p[0], p[1] * 512, 4 * 512, id, id + " partition " + p[0], null));
                }
            }
            return out;
        }

        @Override
        public StructureNode describe(GuestDisk disk, Monitor monitor) {
            return StructureNode.node(id + " table").value("2 partitions").build();
        }
    }

    /** Recognises "TESTFS" at byte 0 of a volume; reports a note naming byte 6 of it. */
    static class ToyFs implements VolumeProbe {
        final List<String> ran = new ArrayList<>();

        @Override
        public String id() {
            return "fs.toy";
        }

        @Override
        public String recognise(GuestVolume v) throws IOException {
            if (v.size() < 6) return null;
            ByteBuffer b = v.read(0, 6);
            return StandardCharsets.US_ASCII.decode(b).toString().equals("TESTFS") ? "toyfs" : null;
        }

        @Override
        public void run(GuestVolume v, FindingSink sink, Monitor monitor) {
            ran.add(v.volume().id() + "=" + v.volume().filesystem());
            sink.report(v.finding(Fixtures.TEST_NOTE, "a toy filesystem", 6, 2));
        }
    }

    private Path disk() throws IOException {
        byte[] b = new byte[32 * 512];
        byte[] magic = "TESTFS".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, b, 16 * 512, magic.length); // only the second partition holds a filesystem
        return Files.write(tmp.resolve("disk.img"), b);
    }

    @Test
    void everyPartitionInsideTheDiskIsOfferedToEveryProbeAndFindingsNameTheVolume() throws IOException {
        Path img = disk();
        ToyFs fs = new ToyFs();
        SubjectResult r = Fixtures.engine(new FlatDriver()).withVolumes(List.of(new ToyTable("toy")), List.of(fs))
                .diagnose(List.of(img), DiagnosisOptions.defaults().withDescribe(true), Monitor.NONE).subjects().get(0);
        assertEquals(List.of(Volume.wholeDisk(32 * 512), new Volume("toy:1", 4096, 2048, "toy", "toy partition 1", null),
                new Volume("toy:2", 8192, 2048, "toy", "toy partition 2", "toyfs")), r.volumes());
        assertEquals(List.of("toy:2=toyfs"), fs.ran);
        Finding f = r.findings().get(0);
        assertEquals(List.of(Evidence.of(img.toRealPath(), 8192 + 6, 2)), f.evidence(), "guest byte = file byte on raw");
        assertTrue(f.message().contains("toy partition 2 at guest byte 8192"), f.message());
        StructureNode guest = r.structure().find("guest disk");
        assertNotNull(guest, r.structure().toString());
        assertEquals("toy table", guest.children().get(0).name());
    }

    @Test
    void aHybridTableListingTheSameRangeTwiceGivesOneVolume() throws IOException {
        SubjectResult r = Fixtures.engine(new FlatDriver())
                .withVolumes(List.of(new ToyTable("b"), new ToyTable("a")), List.of())
                .diagnoseImage(disk(), DiagnosisOptions.defaults(), Monitor.NONE);
        assertEquals(List.of("disk", "a:1", "a:2"), r.volumes().stream().map(Volume::id).toList(),
                "locators run in id order, the first to name a range wins");
    }

    @Test
    void aFailingLocatorOrProbeIsReportedAndTheOthersStillRun() throws IOException {
        VolumeLocator broken = new ToyTable("a") {
            @Override
            public List<Volume> locate(GuestDisk disk, Monitor monitor) {
                throw new IllegalStateException("boom");
            }
        };
        VolumeProbe crashing = new ToyFs() {
            @Override
            public String id() {
                return "fs.crash";
            }

            @Override
            public String recognise(GuestVolume v) throws IOException {
                return v.read(v.size() - 1, 2) == null ? null : "never"; // reads past its volume
            }
        };
        ToyFs fs = new ToyFs();
        SubjectResult r = Fixtures.engine(new FlatDriver())
                .withVolumes(List.of(broken, new ToyTable("b")), List.of(crashing, fs))
                .diagnoseImage(disk(), DiagnosisOptions.defaults(), Monitor.NONE);
        assertEquals(List.of("b:2=toyfs"), fs.ran);
        assertTrue(r.findings().stream().anyMatch(f -> f.code().equals(CoreCodes.ENGINE_INTERNAL_ERROR)
                && f.message().contains("volume locator 'a'") && f.message().contains("boom")), r.findings().toString());
        assertEquals(3, r.findings().stream().filter(f -> f.code().equals(CoreCodes.ENGINE_INTERNAL_ERROR)
                && f.message().contains("volume probe 'fs.crash'") && f.message().contains("outside the volume")).count(),
                "a probe reading past its volume is the probe's bug, not a truncated file: " + r.findings());
    }

    @Test
    void readsAreBoundedToTheVolumeAndTheDisk() throws IOException {
        try (ImageSource s = ImageSource.open(disk())) {
            GuestDisk d = new GuestDisk(new Flat(s));
            GuestVolume v = new GuestVolume(d, new Volume("x:1", 30 * 512, 8 * 512, "x", "x partition 1", null));
            assertEquals(2 * 512, v.size(), "a partition running past the disk's end is cut at the end");
            assertEquals(512, v.read(512, 512).remaining());
            org.junit.jupiter.api.Assertions.assertThrows(OutsideVolumeException.class, () -> v.read(513, 512));
            org.junit.jupiter.api.Assertions.assertThrows(OutsideVolumeException.class, () -> v.read(-1, 1));
            assertNull(new ToyFs().recognise(new GuestVolume(d, new Volume("y", 40 * 512, 512, "y", "y", null))),
                    "a volume wholly past the end is empty");
        }
    }

    /** A table whose deep check records the volume it was given, or throws like a buggy bundle. */
    static class DeepToyTable extends ToyTable {
        final List<GuestVolume> checked = new ArrayList<>();
        final boolean crash;

        DeepToyTable(String id, boolean crash) {
            super(id);
            this.crash = crash;
        }

        @Override
        public void deepCheck(GuestVolume wholeDisk, FindingSink sink, Monitor monitor) {
            if (crash) throw new IllegalStateException("deep boom");
            checked.add(wholeDisk);
            sink.report(wholeDisk.finding(Fixtures.TEST_NOTE, "the tool liked the table", 0, 0));
        }
    }

    @Test
    void deepChecksOfTablesRunOnTheWholeDiskOnlyWhenOnAndAFailureIsReported() throws IOException {
        Path img = disk();
        DeepToyTable off = new DeepToyTable("a", false);
        Fixtures.engine(new FlatDriver()).withVolumes(List.of(off), List.of()).diagnoseImage(img,
                DiagnosisOptions.defaults(), Monitor.NONE);
        assertEquals(List.of(), off.checked, "deep checks are off by default");

        DeepCheck deep = DeepCheck.in(tmp);
        DeepToyTable ok = new DeepToyTable("b", false);
        SubjectResult r = Fixtures.engine(new FlatDriver())
                .withVolumes(List.of(new DeepToyTable("a", true), ok), List.of(new ToyFs()))
                .diagnoseImage(img, DiagnosisOptions.defaults().withDeepCheck(deep), Monitor.NONE);
        assertEquals(1, ok.checked.size());
        GuestVolume whole = ok.checked.get(0);
        assertEquals(Volume.wholeDisk(32 * 512), whole.volume());
        assertEquals(deep, whole.deepCheck());
        assertEquals(32 * 512, whole.size());
        assertTrue(r.findings().stream().anyMatch(f -> f.code().equals(CoreCodes.ENGINE_INTERNAL_ERROR)
                && f.message().contains("volume locator 'a' deep check") && f.message().contains("deep boom")),
                r.findings().toString());
        assertTrue(r.findings().stream().anyMatch(f -> f.message().endsWith("whole disk at guest byte 0: the tool "
                + "liked the table")), r.findings().toString());
        assertEquals(List.of("disk", "a:1", "a:2"), r.volumes().stream().map(Volume::id).toList(),
                "the other locator's partitions are still found");
    }

    @Test
    void withoutVolumeSupportNothingIsScanned() throws IOException {
        SubjectResult r = Fixtures.engine(new FlatDriver()).diagnoseImage(disk(), DiagnosisOptions.defaults(),
                Monitor.NONE);
        assertEquals(List.of(), r.volumes());
    }
}
