// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.vdiskdoctor.core.io.ImageSource;

/**
 * The 512-byte hosted sparse extent header ({@code SparseExtentHeader}, VMware "Virtual Disk Format 1.1"), little
 * endian. Only parses: {@link SparseChecks} judges the values. Sizes and offsets are in 512-byte sectors.
 */
record SparseHeader(long magic, long version, long flags, long capacity, long grainSize, long descriptorOffset,
        long descriptorSize, long numGTEsPerGT, long rgdOffset, long gdOffset, long overhead, int uncleanShutdown,
        byte[] newline, int compressAlgorithm, long at) {

    static final int SIZE = 512;
    /** "KDMV" read little-endian. */
    static final long MAGIC = 0x564d444bL;
    static final long GD_AT_END = -1L;

    static final int FLAG_NEWLINE_TEST = 1;
    static final int FLAG_REDUNDANT_GT = 1 << 1;
    static final int FLAG_ZEROED_GRAIN = 1 << 2;
    static final int FLAG_COMPRESSED = 1 << 16;
    static final int FLAG_MARKERS = 1 << 17;

    static final int OFF_VERSION = 4;
    static final int OFF_FLAGS = 8;
    static final int OFF_CAPACITY = 12;
    static final int OFF_GRAIN_SIZE = 20;
    static final int OFF_DESCRIPTOR_OFFSET = 28;
    static final int OFF_DESCRIPTOR_SIZE = 36;
    static final int OFF_GTES_PER_GT = 44;
    static final int OFF_RGD = 48;
    static final int OFF_GD = 56;
    static final int OFF_OVERHEAD = 64;
    static final int OFF_UNCLEAN = 72;
    static final int OFF_NEWLINE = 73;
    static final int OFF_COMPRESS = 77;

    /** True when {@code b} (any order, position 0) starts with KDMV. */
    static boolean hasMagic(ByteBuffer b) {
        return b.remaining() >= 4 && Integer.toUnsignedLong(b.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(
                b.position())) == MAGIC;
    }

    /** Parses a header from the first 512 bytes of {@code b} (the caller checked the length). */
    static SparseHeader parse(ByteBuffer in, long at) {
        ByteBuffer b = in.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int p = b.position();
        byte[] nl = new byte[4];
        for (int i = 0; i < 4; i++) nl[i] = b.get(p + OFF_NEWLINE + i);
        return new SparseHeader(u32(b, p), u32(b, p + OFF_VERSION), u32(b, p + OFF_FLAGS), b.getLong(p + OFF_CAPACITY),
                b.getLong(p + OFF_GRAIN_SIZE), b.getLong(p + OFF_DESCRIPTOR_OFFSET),
                b.getLong(p + OFF_DESCRIPTOR_SIZE), u32(b, p + OFF_GTES_PER_GT), b.getLong(p + OFF_RGD),
                b.getLong(p + OFF_GD), b.getLong(p + OFF_OVERHEAD), b.get(p + OFF_UNCLEAN) & 0xff, nl,
                Short.toUnsignedInt(b.getShort(p + OFF_COMPRESS)), at);
    }

    /** Reads the header at {@code at} of {@code src}; the caller checked that 512 bytes are there. */
    static SparseHeader read(ImageSource src, long at) throws IOException {
        return parse(src.read(at, SIZE), at);
    }

    private static long u32(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }

    boolean flag(int bit) {
        return (flags & bit) != 0;
    }

    boolean compressed() {
        return flag(FLAG_COMPRESSED);
    }

    boolean markers() {
        return flag(FLAG_MARKERS);
    }

    /** Whether the GTE value 1 means "zeroed grain" (version 2+ with the flag, as QEMU reads it). */
    boolean zeroedGrains() {
        return flag(FLAG_ZEROED_GRAIN);
    }

    /** The newline test bytes are the four VMware writes: {@code \n}, space, {@code \r}, {@code \n}. */
    boolean newlineIntact() {
        return newline[0] == '\n' && newline[1] == ' ' && newline[2] == '\r' && newline[3] == '\n';
    }
}
