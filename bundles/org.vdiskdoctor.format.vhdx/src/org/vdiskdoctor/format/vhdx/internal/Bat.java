// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.vdiskdoctor.core.io.ImageSource;

/**
 * The Block Allocation Table: 64-bit entries, state in bits 0–2 and the file offset in MiB in bits 20–63. Every
 * {@code chunkRatio} payload entries are followed by one sector-bitmap entry. Entries are read from the file on
 * demand through a one-page cache, so a huge BAT costs no memory; only entries inside the BAT region (and inside
 * the file) are ever read, anything else reads as NOT_PRESENT.
 */
final class Bat {

    static final int NOT_PRESENT = 0;
    static final int UNDEFINED = 1;
    static final int ZERO = 2;
    static final int UNMAPPED = 3;
    static final int FULLY_PRESENT = 6;
    static final int PARTIALLY_PRESENT = 7;
    /** Sector-bitmap entry state: the bitmap block is present. */
    static final int SB_PRESENT = 6;

    private static final int PAGE_ENTRIES = 4096;

    private final ImageSource src;
    private final long offset;
    private final long readable;
    private final long chunkRatio;
    private long pageFirst = -1;
    private ByteBuffer page;

    /** The BAT of {@code region}; {@code readable} entries lie inside both the region and the file. */
    Bat(ImageSource src, RegionTable.Entry region, long chunkRatio) {
        this.src = src;
        this.offset = region.fileOffset();
        this.readable = Math.min(region.length(), Math.max(0, src.size() - offset)) / 8;
        this.chunkRatio = chunkRatio;
    }

    long fileOffset() {
        return offset;
    }

    long readableEntries() {
        return readable;
    }

    long chunkRatio() {
        return chunkRatio;
    }

    /** The raw entry {@code i}, or 0 (NOT_PRESENT) when it lies outside the region or the file. */
    long entry(long i) throws IOException {
        if (i < 0 || i >= readable) return 0;
        long first = i - i % PAGE_ENTRIES;
        if (first != pageFirst) {
            int n = (int) Math.min(PAGE_ENTRIES, readable - first);
            page = src.read(offset + first * 8, n * 8).order(ByteOrder.LITTLE_ENDIAN);
            pageFirst = first;
        }
        return page.getLong((int) (i - first) * 8);
    }

    /** Where entry {@code i} lies in the file. */
    long entryAt(long i) {
        return offset + i * 8;
    }

    /** The BAT index of payload block {@code block}. */
    long payloadIndex(long block) {
        return block + block / chunkRatio;
    }

    /** The BAT index of the sector-bitmap entry of chunk {@code chunk}. */
    long bitmapIndex(long chunk) {
        return chunk * (chunkRatio + 1) + chunkRatio;
    }

    boolean isBitmapIndex(long i) {
        return (i + 1) % (chunkRatio + 1) == 0;
    }

    static int state(long entry) {
        return (int) (entry & 7);
    }

    static long fileOffsetOf(long entry) {
        return (entry >>> 20) << 20;
    }

    static String stateName(int s, boolean bitmap) {
        if (bitmap) return s == 0 ? "SB_BLOCK_NOT_PRESENT" : s == 6 ? "SB_BLOCK_PRESENT" : "undefined state " + s;
        return switch (s) {
            case NOT_PRESENT -> "PAYLOAD_BLOCK_NOT_PRESENT";
            case UNDEFINED -> "PAYLOAD_BLOCK_UNDEFINED";
            case ZERO -> "PAYLOAD_BLOCK_ZERO";
            case UNMAPPED -> "PAYLOAD_BLOCK_UNMAPPED";
            case FULLY_PRESENT -> "PAYLOAD_BLOCK_FULLY_PRESENT";
            case PARTIALLY_PRESENT -> "PAYLOAD_BLOCK_PARTIALLY_PRESENT";
            default -> "undefined state " + s;
        };
    }
}
