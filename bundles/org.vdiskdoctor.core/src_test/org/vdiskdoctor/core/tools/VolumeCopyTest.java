// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestDisk;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.core.testing.Fixtures;

/** Sparse temporary copies of a volume for tools that read only plain files, and the deep-check findings. */
class VolumeCopyTest {

    @TempDir
    Path tmp;

    /** A guest disk read 1:1 from a file, named {@code format} (raw maps guest bytes to file bytes, others do not). */
    record Flat(ImageSource source, String format) implements OpenedImage, GuestReader {
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
            return StructureNode.node(format).build();
        }
    }

    /** 64 MiB, zero except 1 MiB of 0x5a at 40 MiB and the last byte 0x01. */
    private Path disk() throws IOException {
        Path p = tmp.resolve("disk.img");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(64L << 20);
            byte[] data = new byte[1 << 20];
            Arrays.fill(data, (byte) 0x5a);
            f.seek(40L << 20);
            f.write(data);
            f.seek((64L << 20) - 1);
            f.write(1);
        }
        return p;
    }

    /** Bytes the file system really holds for {@code p} (stat's 512-byte blocks). */
    private static long allocatedBytes(Path p) throws IOException {
        try {
            return Long.parseLong(Fixtures.run(List.of("stat", "-c", "%b", p.toString())).trim()) * 512;
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    @Test
    void theCopyHoldsTheVolumesBytesSparselyAndIsDeletedOnClose() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("work"));
        try (ImageSource s = ImageSource.open(disk())) {
            GuestDisk d = new GuestDisk(new Flat(s, "qcow2"));
            Volume part = new Volume("gpt:1", 32L << 20, 32L << 20, "gpt", "GPT partition 1", "ext4");
            GuestVolume v = new GuestVolume(d, part, DeepCheck.in(out));
            assertTrue(v.rawRange().isEmpty(), "not raw: a tool cannot read the image file itself");
            VolumeCopy.Outcome o = VolumeCopy.make(v, Monitor.NONE);
            Path copy;
            try (VolumeCopy c = assertInstanceOf(VolumeCopy.Made.class, o).copy()) {
                copy = c.file();
                assertEquals(out, copy.getParent());
                assertEquals(32L << 20, Files.size(copy));
                byte[] got = Files.readAllBytes(copy);
                byte[] want = new byte[32 << 20];
                Arrays.fill(want, 8 << 20, 9 << 20, (byte) 0x5a);
                want[want.length - 1] = 1;
                assertArrayEquals(want, got);
                assertTrue(allocatedBytes(copy) < (4L << 20), "holes stay holes: " + allocatedBytes(copy));
                assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(copy)), "a copy of a guest's disk is private");
            }
            assertFalse(Files.exists(copy));
        }
    }

    @Test
    void aRawImageIsReadInPlaceAtTheVolumesOffset() throws IOException {
        Path img = disk();
        try (ImageSource s = ImageSource.open(img)) {
            GuestVolume v = new GuestVolume(new GuestDisk(new Flat(s, "raw")),
                    new Volume("mbr:1", 1 << 20, 8 << 20, "mbr", "MBR primary partition 1", "ext4"));
            assertEquals(new GuestVolume.RawRange(img, 1 << 20, 8 << 20), v.rawRange().orElseThrow());
        }
    }

    @Test
    void copiesAreRefusedWhenOffTooLargeOrWithoutAWritableFolder() throws IOException {
        try (ImageSource s = ImageSource.open(disk())) {
            GuestDisk d = new GuestDisk(new Flat(s, "qcow2"));
            Volume whole = Volume.wholeDisk(d.bytes()).withFilesystem("ext4");
            String off = assertInstanceOf(VolumeCopy.Skipped.class,
                    VolumeCopy.make(new GuestVolume(d, whole), Monitor.NONE)).reason();
            assertTrue(off.contains("--deep"), off);
            DeepCheck small = new DeepCheck(true, tmp, 1 << 20, Duration.ofSeconds(5));
            String big = assertInstanceOf(VolumeCopy.Skipped.class,
                    VolumeCopy.make(new GuestVolume(d, whole, small), Monitor.NONE)).reason();
            assertTrue(big.contains("67108864 bytes") && big.contains("--deep-max"), big);
            String missing = assertInstanceOf(VolumeCopy.Skipped.class, VolumeCopy.make(
                    new GuestVolume(d, whole, DeepCheck.in(tmp.resolve("gone"))), Monitor.NONE)).reason();
            assertTrue(missing.contains("not a writable folder"), missing);
            try (var files = Files.list(tmp)) {
                assertEquals(List.of(tmp.resolve("disk.img")), files.toList(), "nothing left behind");
            }
        }
    }

    @Test
    void cancelStopsTheCopyAndRemovesIt() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("work"));
        Monitor cancel = new Monitor() {
            int n;

            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long units) {
            }

            @Override
            public boolean isCanceled() {
                return false;
            }

            @Override
            public void checkpoint() {
                if (++n > 3) throw new CanceledException();
            }
        };
        try (ImageSource s = ImageSource.open(disk())) {
            GuestDisk d = new GuestDisk(new Flat(s, "qcow2"));
            GuestVolume v = new GuestVolume(d, Volume.wholeDisk(d.bytes()), DeepCheck.in(out));
            assertThrows(Monitor.CanceledException.class, () -> VolumeCopy.make(v, cancel));
        }
        try (var files = Files.list(out)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void deepCheckFindingsCarryTheirCodesAndNameTheVolume() throws IOException {
        Path img = disk();
        var catalog = Fixtures.catalog();
        try (ImageSource s = ImageSource.open(img)) {
            GuestVolume v = new GuestVolume(new GuestDisk(new Flat(s, "raw")),
                    new Volume("gpt:2", 1 << 20, 1 << 20, "gpt", "GPT partition 2", "xfs"), DeepCheck.in(tmp));
            Map<Finding, Severity> expected = Map.of(
                    DeepChecks.toolMissing(v, "xfs_repair", "xfsprogs"), Severity.INFO,
                    DeepChecks.skipped(v, "xfs_repair", "reason"), Severity.INFO,
                    DeepChecks.unusable(v, "xfs_repair", new ExternalTool.Result(-1, "", true, false)),
                    Severity.WARNING);
            for (var e : expected.entrySet()) {
                Finding f = e.getKey();
                assertEquals(e.getValue(), catalog.defaultSeverity(f.code()), f.code().toString());
                assertTrue(f.message().startsWith(img + ": GPT partition 2 at guest byte 1048576: "), f.message());
                assertEquals(List.of(Evidence.of(img, 1 << 20, 0)), f.evidence());
            }
            assertTrue(DeepChecks.toolMissing(v, "xfs_repair", "xfsprogs").message()
                    .contains("xfs_repair is not installed, so its read-only check of this xfs filesystem"));
            assertEquals(CoreCodes.DEEP_TOOL_FAILED, DeepChecks.toolFailed(v, "x", "y").code());
            assertEquals(null, DeepChecks.unusable(v, "x", new ExternalTool.Result(0, "", false, false)));
        }
    }
}
