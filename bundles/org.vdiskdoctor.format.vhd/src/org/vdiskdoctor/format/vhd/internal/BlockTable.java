// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.vdiskdoctor.core.io.ImageSource;

/**
 * The block allocation table: one big-endian u32 per block, the sector where the block's bitmap starts (its data
 * follows the bitmap), {@code 0xFFFFFFFF} for an unallocated block. Entries are read from the file when needed, in
 * bounded chunks, never as one table-sized allocation.
 */
final class BlockTable {

    static final long UNUSED = 0xFFFF_FFFFL;
    /** Entries per chunk read. */
    static final int CHUNK = 16 * 1024;

    private final ImageSource source;
    private final long offset;
    private final long entries;
    private final long blockSize;
    private final long bitmapBytes;
    private final long footerOffset;

    /** A table the caller checked: {@code entries} u32s at {@code offset} lie before {@code footerOffset}. */
    BlockTable(ImageSource source, long offset, long entries, long blockSize, long footerOffset) {
        this.source = source;
        this.offset = offset;
        this.entries = entries;
        this.blockSize = blockSize;
        this.bitmapBytes = DynamicHeader.bitmapBytes(blockSize);
        this.footerOffset = footerOffset;
    }

    long offset() {
        return offset;
    }

    long entries() {
        return entries;
    }

    long blockSize() {
        return blockSize;
    }

    long bitmapBytes() {
        return bitmapBytes;
    }

    long footerOffset() {
        return footerOffset;
    }

    /** Bytes of the table on disk, rounded up to whole sectors as writers reserve them. */
    long reservedBytes() {
        return (entries * 4 + 511) / 512 * 512;
    }

    /** Entry {@code i} as unsigned, {@link #UNUSED} past the table's end. */
    long entry(long i) throws IOException {
        if (i < 0 || i >= entries) return UNUSED;
        return Integer.toUnsignedLong(source.read(offset + 4 * i, 4).getInt());
    }

    /** Entries {@code [first, first+n)}, n ≤ {@link #CHUNK}. */
    ByteBuffer chunk(long first, int n) throws IOException {
        return source.read(offset + 4 * first, 4 * n);
    }

    /** Whether the block at {@code sector} (bitmap and data) ends before the footer. */
    boolean fits(long sector) {
        long start = sector * 512;
        return start <= footerOffset && bitmapBytes + blockSize <= footerOffset - start;
    }
}
