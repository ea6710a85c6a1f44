// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Read-only, positional access to an image file or block device. Opened with {@link StandardOpenOption#READ} only,
 * so diagnosis can never change a byte. Every read is checked against the size before it happens, and no single
 * read may exceed {@link #MAX_READ}: a header that lies about a table's size gets an exception, not an
 * out-of-memory.
 *
 * <p>The size comes from the channel ({@code FileChannel.size()}), which is also right for block devices, where
 * {@code Files.size} says 0.
 */
public final class ImageSource implements AutoCloseable {

    /** The largest single read: callers read bigger tables in chunks. */
    public static final int MAX_READ = 64 << 20;

    private final Path path;
    private final FileChannel channel;
    private final long size;

    private ImageSource(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    /**
     * Opens {@code path} read-only. Callers must have classified the path first (see {@link PathInspector}): this
     * method would block on a FIFO.
     */
    public static ImageSource open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size == 0) size = BlockDeviceSize.of(ch);
            return new ImageSource(path, ch, size);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    /** True when {@code [offset, offset+length)} lies inside the file. */
    public boolean contains(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= size && length <= size - offset;
    }

    /** Reads exactly {@code length} bytes at {@code offset} into a new big-endian buffer (flipped, ready to get). */
    public ByteBuffer read(long offset, int length) throws IOException {
        if (length < 0 || length > MAX_READ || !contains(offset, length)) {
            throw new OutOfBoundsReadException(offset, length, size);
        }
        ByteBuffer buf = ByteBuffer.allocate(length);
        readFully(offset, buf);
        buf.flip();
        return buf.order(ByteOrder.BIG_ENDIAN);
    }

    /** Reads up to {@code length} bytes at {@code offset}: fewer when the file ends first. */
    public ByteBuffer readUpTo(long offset, int length) throws IOException {
        if (offset < 0 || offset > size) throw new OutOfBoundsReadException(offset, length, size);
        return read(offset, (int) Math.min(length, size - offset));
    }

    /** Fills {@code dst} from {@code offset}; bounds-checked like {@link #read}. */
    public void readFully(long offset, ByteBuffer dst) throws IOException {
        int want = dst.remaining();
        if (!contains(offset, want)) throw new OutOfBoundsReadException(offset, want, size);
        long pos = offset;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) throw new EOFException("file " + path + " ended at " + pos + " (expected " + size + " bytes)");
            pos += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
