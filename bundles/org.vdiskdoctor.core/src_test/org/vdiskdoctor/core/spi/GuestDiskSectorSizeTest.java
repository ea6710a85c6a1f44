// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;

/** LBAs count in the sectors the format records; 512 when it records none or a size no disk has. */
class GuestDiskSectorSizeTest {

    @TempDir
    Path tmp;

    /** A raw-like guest of {@code source} that records {@code sector}-byte logical sectors. */
    private record Image(ImageSource source, int sector) implements OpenedImage, GuestReader {
        public String format() {
            return "raw";
        }

        public long virtualSize() {
            return source.size();
        }

        public void check(FindingSink sink, Monitor monitor) {
        }

        public StructureNode describe() {
            return StructureNode.node("raw").build();
        }

        public long guestSize() {
            return source.size();
        }

        public void readGuest(long off, ByteBuffer dst) throws IOException {
            source.readFully(off, dst);
        }

        @Override
        public int logicalSectorSize() {
            return sector;
        }
    }

    private Path disk() throws IOException {
        byte[] b = new byte[64 * 1024 + 100]; // a partial last sector
        for (int i = 0; i < b.length; i += 512) b[i] = (byte) (i / 512);
        return Files.write(tmp.resolve("d.img"), b);
    }

    @Test
    void lbasCountTheSectorsTheFormatRecords() throws Exception {
        Path f = disk();
        try (ImageSource s = ImageSource.open(f)) {
            GuestDisk d = new GuestDisk(new Image(s, 4096));
            assertEquals(4096, d.sectorSize());
            assertEquals(16, d.sectors());
            assertEquals(15, d.lastLba());
            assertEquals(8, d.read(1, 1).get(0), "LBA 1 is byte 4096, the 9th 512-byte sector");
            assertEquals(4096, d.read(1, 1).remaining());
            assertEquals("guest LBA 2 (byte 8192)", d.whereLba(2));
            Finding x = d.finding(FindingCode.of("test.sector.size"), "m", 2, 1);
            assertEquals(List.of(Evidence.of(f, 8192, 4096)), x.evidence());
            assertThrows(IllegalArgumentException.class, () -> d.read(16, 1));
        }
    }

    @Test
    void withSectorSizeRecountsTheSameBytes() throws Exception {
        try (ImageSource s = ImageSource.open(disk())) {
            GuestDisk d = new GuestDisk(new Image(s, 512));
            assertEquals(128, d.sectors());
            GuestDisk k = d.withSectorSize(4096);
            assertEquals(16, k.sectors());
            assertEquals(d.bytes(), k.bytes());
            assertSame(d, d.withSectorSize(512));
            assertThrows(IllegalArgumentException.class, () -> d.withSectorSize(1000));
            assertThrows(IllegalArgumentException.class, () -> d.withSectorSize(256));
        }
    }

    @Test
    void aSizeNoDiskHasFallsBackTo512() throws Exception {
        try (ImageSource s = ImageSource.open(disk())) {
            assertEquals(512, new GuestDisk(new Image(s, 3000)).sectorSize());
            assertEquals(512, new GuestDisk(new Image(s, 0)).sectorSize());
            assertEquals(512, new GuestDisk(new Image(s, 1 << 20)).sectorSize());
        }
    }
}
