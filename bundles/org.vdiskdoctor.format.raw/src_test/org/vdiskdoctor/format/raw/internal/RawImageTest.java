// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.raw.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.io.OutOfBoundsReadException;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.ProbeHeader;
import org.vdiskdoctor.testing.Tools;

/** The raw driver on files made by qemu-img, truncate, sgdisk and qemu-io. */
class RawImageTest {

    @TempDir
    Path tmp;
    final RawDriver driver = new RawDriver();

    private static ProbeHeader header(ImageSource s) throws IOException {
        return new ProbeHeader(s.path(), s.size(), s.readUpTo(0, ProbeHeader.LENGTH));
    }

    private List<Finding> check(Path file) throws IOException {
        List<Finding> found = new ArrayList<>();
        try (ImageSource s = ImageSource.open(file); RawImage img = (RawImage) driver.open(s, found::add,
                Monitor.NONE)) {
            img.check(found::add, Monitor.NONE);
        }
        return found;
    }

    private StructureNode describe(Path file) throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            return driver.open(s, f -> {
            }, Monitor.NONE).describe();
        }
    }

    @Test
    void scoresRawForAnyNonEmptyFileAndZeroForEmpty() throws Exception {
        assertEquals("raw", driver.id());
        Path disk = RawFixtures.qemuImgRaw(tmp.resolve("disk.raw"), "1M");
        Path tiny = RawFixtures.truncate(tmp.resolve("tiny"), 1);
        Path empty = Files.createFile(tmp.resolve("empty"));
        try (ImageSource d = ImageSource.open(disk); ImageSource t = ImageSource.open(tiny);
                ImageSource e = ImageSource.open(empty)) {
            assertEquals(FormatDriver.SCORE_RAW, driver.score(header(d)));
            assertEquals(1, driver.score(header(t)));
            assertEquals(0, driver.score(header(e)));
        }
    }

    @Test
    void wholeSectorsAreClean() throws Exception {
        Path disk = RawFixtures.qemuImgRaw(tmp.resolve("disk.raw"), "1M");
        assertEquals(List.of(), check(disk));
        try (ImageSource s = ImageSource.open(disk)) {
            RawImage img = (RawImage) driver.open(s, f -> {
            }, Monitor.NONE);
            assertEquals("raw", img.format());
            assertEquals(1 << 20, img.virtualSize());
            assertEquals(RawFixtures.qemuVirtualSize(disk), img.guestSize());
        }
    }

    @Test
    void sizeNotAMultipleOf512IsAWarning() throws Exception {
        // fault: a file cut to 1000 bytes (qemu-img create would round it up to 1024)
        Path odd = RawFixtures.truncate(tmp.resolve("odd.raw"), 1000);
        List<Finding> found = check(odd);
        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        assertEquals(RawCodes.SIZE_UNALIGNED, f.code());
        assertTrue(f.message().contains("1000 bytes") && f.message().contains("488 bytes"), f.message());
        assertEquals(List.of(Evidence.of(odd, 512, 488)), f.evidence());
        // the catalog's explanation says QEMU rounds such a file up: check that against qemu-img itself
        assertEquals(1024, RawFixtures.qemuVirtualSize(odd));
    }

    @Test
    void fileShorterThanOneSectorIsAnErrorOnly() throws Exception {
        // fault: a 100-byte file; "unaligned" would only repeat what "too small" says
        Path tiny = RawFixtures.truncate(tmp.resolve("tiny.raw"), 100);
        List<Finding> found = check(tiny);
        assertEquals(1, found.size(), found.toString());
        assertEquals(RawCodes.SIZE_TOO_SMALL, found.get(0).code());
        assertTrue(found.get(0).message().contains("100 bytes"), found.get(0).message());
        assertEquals(List.of(), check(RawFixtures.truncate(tmp.resolve("one.raw"), 512)));
    }

    @Test
    void describeGivesSizeSectorsAndNoBootSignatureOnABlankDisk() throws Exception {
        StructureNode n = describe(RawFixtures.qemuImgRaw(tmp.resolve("blank.raw"), "1M"));
        assertEquals("1048576", n.find("size").value());
        assertEquals("2048", n.find("sectors").value());
        StructureNode sig = n.find("boot signature");
        assertEquals("absent (00 00)", sig.value());
        assertEquals(510, sig.offset());
        assertEquals(2, sig.length());
        assertEquals(null, n.find("partial sector bytes"));
    }

    @Test
    void describeSeesTheBootSignatureSgdiskWrites() throws Exception {
        Path disk = RawFixtures.qemuImgRaw(tmp.resolve("gpt.raw"), "4M");
        Tools.run("sgdisk", "-o", disk.toString()); // a new GPT with its protective MBR, 55 AA at 510
        assertEquals("present (55 AA)", describe(disk).find("boot signature").value());
        assertEquals(List.of(), check(disk));
    }

    @Test
    void describeOfOddAndTinyFiles() throws Exception {
        StructureNode odd = describe(RawFixtures.truncate(tmp.resolve("odd.raw"), 1000));
        assertEquals("1", odd.find("sectors").value());
        assertEquals("488", odd.find("partial sector bytes").value());
        StructureNode tiny = describe(RawFixtures.truncate(tmp.resolve("tiny.raw"), 100));
        assertEquals("0", tiny.find("sectors").value());
        assertTrue(tiny.find("boot signature").value().startsWith("n/a"));
    }

    @Test
    void guestReadsGoStraightThrough() throws Exception {
        Path disk = RawFixtures.qemuImgRaw(tmp.resolve("data.raw"), "1M");
        // qemu-io writes through QEMU's own raw driver: what it puts at guest offset 4096 we must read there
        Tools.run("qemu-io", "-f", "raw", "-c", "write -P 0xab 4096 512", "-c", "write -P 0x5c 1048064 512",
                disk.toString());
        try (ImageSource s = ImageSource.open(disk)) {
            RawImage img = (RawImage) driver.open(s, f -> {
            }, Monitor.NONE);
            ByteBuffer b = ByteBuffer.allocate(1024);
            img.readGuest(3584, b);
            assertEquals(0, b.remaining(), "the buffer is filled");
            for (int i = 0; i < 512; i++) assertEquals(0, b.get(i), "zero before the pattern at " + i);
            for (int i = 512; i < 1024; i++) assertEquals((byte) 0xab, b.get(i), "pattern at " + i);
            ByteBuffer last = ByteBuffer.allocate(512);
            img.readGuest(img.guestSize() - 512, last); // ends exactly at the end
            assertEquals((byte) 0x5c, last.get(511));
            assertEquals(0, last.remaining());
        }
    }

    @Test
    void guestReadsPastTheEndAreIoErrors() throws Exception {
        Path disk = RawFixtures.qemuImgRaw(tmp.resolve("data.raw"), "64K");
        try (ImageSource s = ImageSource.open(disk)) {
            RawImage img = (RawImage) driver.open(s, f -> {
            }, Monitor.NONE);
            long size = img.guestSize();
            OutOfBoundsReadException e = assertThrows(OutOfBoundsReadException.class,
                    () -> img.readGuest(size - 100, ByteBuffer.allocate(512)));
            assertTrue(e.beyondEnd());
            assertThrows(IOException.class, () -> img.readGuest(size, ByteBuffer.allocate(1)));
            assertThrows(IOException.class, () -> img.readGuest(-512, ByteBuffer.allocate(512)));
            assertThrows(IOException.class, () -> img.readGuest(Long.MAX_VALUE - 10, ByteBuffer.allocate(512)));
            ByteBuffer none = ByteBuffer.allocate(0);
            img.readGuest(size, none); // an empty read at the end is fine
        }
    }
}
