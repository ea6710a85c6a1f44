// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Documented byte surgery on image files: reads and writes at a file offset. The typed helpers are little-endian, as
 * most on-disk formats here store their fields; a big-endian format (XFS, VHD) writes {@link #write} with its own
 * buffers.
 */
public final class ByteSurgery {

    private ByteSurgery() {
    }

    /** Writes {@code bytes} at {@code offset}, in place (the file keeps its length unless the write passes its end). */
    public static void write(Path file, long offset, byte... bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b, offset + b.position());
        }
    }

    /** {@code length} bytes from {@code offset} (fewer at the end of the file), little-endian, ready to get. */
    public static ByteBuffer read(Path file, long offset, int length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining() && ch.read(b, offset + b.position()) >= 0) {
                // read on: a channel may return fewer bytes than asked
            }
            return b.flip();
        }
    }

    /** Writes the low 16 bits of {@code value}, little-endian. */
    public static void putShort(Path file, long offset, int value) throws IOException {
        write(file, offset, ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array());
    }

    /** Writes the low 32 bits of {@code value}, little-endian. */
    public static void putInt(Path file, long offset, long value) throws IOException {
        write(file, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array());
    }

    /** Writes {@code value}, little-endian. */
    public static void putLong(Path file, long offset, long value) throws IOException {
        write(file, offset, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    /** The little-endian 32-bit value at {@code offset}. */
    public static int getInt(Path file, long offset) throws IOException {
        return read(file, offset, 4).getInt(0);
    }
}
