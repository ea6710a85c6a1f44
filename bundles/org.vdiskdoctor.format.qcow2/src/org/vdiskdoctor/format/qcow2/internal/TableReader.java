// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.vdiskdoctor.core.io.ImageSource;

/**
 * Reads small fields of a table that may be large (an L1 table, the snapshot table, a bitmap table) through one
 * window of at most {@value #WINDOW} bytes, refilled as the reads move on: one system call per window instead of one
 * per entry, and never more memory than the window whatever size a header claims. Callers check that the bytes lie
 * in the file first.
 */
final class TableReader {

    static final int WINDOW = 1 << 20;

    private final ImageSource src;
    private final ByteBuffer window;
    private long start = -1;
    private int length;

    /** A reader for a table of about {@code bytes} bytes: the window is no larger than that (nor the file). */
    TableReader(ImageSource src, long bytes) {
        this.src = src;
        this.window = ByteBuffer.allocate((int) Math.max(64, Math.min(WINDOW, Math.min(bytes, src.size()))));
    }

    private int at(long offset, int n) throws IOException {
        if (start < 0 || offset < start || offset + n > start + length) {
            int len = (int) Math.min(window.capacity(), src.size() - offset);
            if (len < n) throw new org.vdiskdoctor.core.io.OutOfBoundsReadException(offset, n, src.size());
            window.clear().limit(len);
            src.readFully(offset, window);
            start = offset;
            length = len;
        }
        return (int) (offset - start);
    }

    long u64(long offset) throws IOException {
        return window.getLong(at(offset, 8));
    }

    long u32(long offset) throws IOException {
        return Integer.toUnsignedLong(window.getInt(at(offset, 4)));
    }

    int u16(long offset) throws IOException {
        return window.getChar(at(offset, 2));
    }

    int u8(long offset) throws IOException {
        return Byte.toUnsignedInt(window.get(at(offset, 1)));
    }

    /** {@code n} bytes (at most the window) at {@code offset}. */
    byte[] bytes(long offset, int n) throws IOException {
        byte[] out = new byte[n];
        window.get(at(offset, n), out);
        return out;
    }
}
