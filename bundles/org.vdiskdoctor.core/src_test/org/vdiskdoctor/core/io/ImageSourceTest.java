// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSourceTest {

    @TempDir
    Path tmp;
    Path file;
    byte[] content;

    @BeforeEach
    void makeFile() throws IOException {
        content = new byte[1000];
        for (int i = 0; i < content.length; i++) content[i] = (byte) (i * 7);
        file = Files.write(tmp.resolve("disk.img"), content);
    }

    @Test
    void readsExactBytesBigEndian() throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            assertEquals(1000, s.size());
            assertEquals(file, s.path());
            ByteBuffer b = s.read(10, 4);
            assertEquals(ByteOrder.BIG_ENDIAN, b.order());
            assertEquals(0, b.position());
            assertEquals(4, b.remaining());
            int expected = ((content[10] & 0xff) << 24) | ((content[11] & 0xff) << 16) | ((content[12] & 0xff) << 8)
                    | (content[13] & 0xff);
            assertEquals(expected, b.getInt());
        }
    }

    @Test
    void negativeOffsetOrLengthIsRefused() throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            OutOfBoundsReadException e = assertThrows(OutOfBoundsReadException.class, () -> s.read(-1, 4));
            assertEquals(-1, e.offset());
            assertEquals(1000, e.size());
            assertTrue(e.beyondEnd());
            assertThrows(OutOfBoundsReadException.class, () -> s.read(0, -1));
            assertThrows(OutOfBoundsReadException.class, () -> s.read(Long.MIN_VALUE, 1));
            assertThrows(OutOfBoundsReadException.class, () -> s.readFully(-8, ByteBuffer.allocate(8)));
        }
    }

    @Test
    void offsetPlusLengthOverflowIsRefused() throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            // offset + length wraps to a negative long: a naive "offset + length <= size" would let it through
            assertThrows(OutOfBoundsReadException.class, () -> s.read(Long.MAX_VALUE - 2, 16));
            assertThrows(OutOfBoundsReadException.class, () -> s.readFully(Long.MAX_VALUE, ByteBuffer.allocate(1)));
            assertFalse(s.contains(Long.MAX_VALUE - 2, 16));
            assertFalse(s.contains(16, Long.MAX_VALUE));
            assertThrows(OutOfBoundsReadException.class, () -> s.read(998, 4));
        }
    }

    @Test
    void lengthOverMaxReadIsRefusedEvenInsideTheFile() throws IOException {
        Path big = tmp.resolve("big.img");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(ImageSource.MAX_READ + 4096L); // sparse: costs no disk space
        }
        try (ImageSource s = ImageSource.open(big)) {
            OutOfBoundsReadException e = assertThrows(OutOfBoundsReadException.class,
                    () -> s.read(0, ImageSource.MAX_READ + 1));
            assertFalse(e.beyondEnd(), "the range lies inside the file; only its length is over the limit");
            assertTrue(e.getMessage().contains("limit"), e.getMessage());
            assertEquals(16, s.read(ImageSource.MAX_READ, 16).remaining());
        }
        try (ImageSource s = ImageSource.open(file)) {
            OutOfBoundsReadException e = assertThrows(OutOfBoundsReadException.class,
                    () -> s.read(0, ImageSource.MAX_READ + 1));
            assertTrue(e.beyondEnd());
        }
    }

    @Test
    void readAtEndOfFile() throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            assertEquals(0, s.read(1000, 0).remaining());
            assertThrows(OutOfBoundsReadException.class, () -> s.read(1000, 1));
            assertThrows(OutOfBoundsReadException.class, () -> s.read(1001, 0));
            ByteBuffer last = s.read(999, 1);
            assertEquals(content[999], last.get());
            assertTrue(s.contains(1000, 0));
            assertFalse(s.contains(1001, 0));
        }
    }

    @Test
    void readUpToStopsAtTheEnd() throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            ByteBuffer b = s.readUpTo(990, 100);
            assertEquals(10, b.remaining());
            assertEquals(content[990], b.get(0));
            assertEquals(100, s.readUpTo(0, 100).remaining());
            assertEquals(0, s.readUpTo(1000, 100).remaining());
            assertThrows(OutOfBoundsReadException.class, () -> s.readUpTo(1001, 1));
            assertThrows(OutOfBoundsReadException.class, () -> s.readUpTo(-1, 1));
            assertThrows(OutOfBoundsReadException.class, () -> s.readUpTo(0, -1));
        }
    }

    @Test
    void readFullyFillsTheRemainingPart() throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            ByteBuffer dst = ByteBuffer.allocate(8);
            dst.position(3);
            s.readFully(500, dst);
            assertFalse(dst.hasRemaining());
            for (int i = 0; i < 5; i++) assertEquals(content[500 + i], dst.get(3 + i));
        }
    }

    @Test
    void emptyFileHasSizeZero() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.img"));
        try (ImageSource s = ImageSource.open(empty)) {
            assertEquals(0, s.size());
            assertThrows(OutOfBoundsReadException.class, () -> s.read(0, 1));
            assertEquals(0, s.readUpTo(0, 512).remaining());
        }
    }

    @Test
    void missingFile() {
        assertThrows(NoSuchFileException.class, () -> ImageSource.open(tmp.resolve("nope.img")));
    }

    @Test
    void theChannelRefusesWrites() throws Exception {
        try (ImageSource s = ImageSource.open(file)) {
            FileChannel ch = channelOf(s);
            assertThrows(NonWritableChannelException.class, () -> ch.write(ByteBuffer.wrap(new byte[] { 1 }), 0));
            assertThrows(NonWritableChannelException.class, () -> ch.truncate(10));
            assertEquals(1000, Files.size(file));
        }
    }

    @Test
    void theDescriptorIsOpenedReadOnly() throws Exception {
        // ask the kernel, not Java: the open file description's access mode must be O_RDONLY (0)
        try (ImageSource s = ImageSource.open(file)) {
            String flags = null;
            try (var fds = Files.list(Path.of("/proc/self/fd"))) {
                for (Path fd : (Iterable<Path>) fds::iterator) {
                    Path target;
                    try {
                        target = Files.readSymbolicLink(fd);
                    } catch (IOException e) {
                        continue;
                    }
                    if (target.equals(file.toRealPath())) {
                        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", fd.getFileName().toString()))) {
                            if (line.startsWith("flags:")) flags = line.substring(6).trim();
                        }
                    }
                }
            }
            assertTrue(flags != null, "no descriptor for " + file + " in /proc/self/fd");
            assertEquals(0, Integer.parseInt(flags, 8) & 3, "O_ACCMODE of flags " + flags);
        }
    }

    @Test
    void readingChangesNoByteAndNoModificationTime() throws IOException {
        FileTime old = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));
        Files.setLastModifiedTime(file, old);
        try (ImageSource s = ImageSource.open(file)) {
            s.read(0, 1000);
            s.readUpTo(500, 4096);
            s.readFully(10, ByteBuffer.allocate(100));
            assertThrows(OutOfBoundsReadException.class, () -> s.read(990, 20));
        }
        assertArrayEquals(content, Files.readAllBytes(file));
        assertEquals(old, Files.getLastModifiedTime(file));
    }

    @Test
    void closeClosesTheChannel() throws Exception {
        ImageSource s = ImageSource.open(file);
        FileChannel ch = channelOf(s);
        s.close();
        assertFalse(ch.isOpen());
        assertThrows(IOException.class, () -> s.read(0, 1));
    }

    private static FileChannel channelOf(ImageSource s) throws ReflectiveOperationException {
        Field f = ImageSource.class.getDeclaredField("channel");
        f.setAccessible(true);
        return (FileChannel) f.get(s);
    }
}
