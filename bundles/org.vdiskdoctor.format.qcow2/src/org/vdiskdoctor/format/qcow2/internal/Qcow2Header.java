// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.vdiskdoctor.core.io.ImageSource;

/**
 * The fixed QCOW2 header (QEMU {@code docs/interop/qcow2.txt}), big-endian: 72 bytes in version 2, header_length
 * (at least 104) in version 3. Only the first {@value #READ_LENGTH} bytes are read; fields beyond the end of a short
 * file are reported as absent by {@link #has}, never read. Version 2 images have no feature, refcount-order or
 * compression fields: the accessors return the values version 2 implies.
 */
final class Qcow2Header {

    static final int MAGIC = 0x514649fb;
    static final int V2_LENGTH = 72;
    static final int V3_MIN_LENGTH = 104;
    static final int READ_LENGTH = 112;
    static final int MIN_CLUSTER_BITS = 9;
    static final int MAX_CLUSTER_BITS = 21;

    static final int OFF_MAGIC = 0;
    static final int OFF_VERSION = 4;
    static final int OFF_BACKING_OFFSET = 8;
    static final int OFF_BACKING_SIZE = 16;
    static final int OFF_CLUSTER_BITS = 20;
    static final int OFF_SIZE = 24;
    static final int OFF_CRYPT_METHOD = 32;
    static final int OFF_L1_SIZE = 36;
    static final int OFF_L1_OFFSET = 40;
    static final int OFF_REFCOUNT_OFFSET = 48;
    static final int OFF_REFCOUNT_CLUSTERS = 56;
    static final int OFF_NB_SNAPSHOTS = 60;
    static final int OFF_SNAPSHOTS_OFFSET = 64;
    static final int OFF_INCOMPATIBLE = 72;
    static final int OFF_COMPATIBLE = 80;
    static final int OFF_AUTOCLEAR = 88;
    static final int OFF_REFCOUNT_ORDER = 96;
    static final int OFF_HEADER_LENGTH = 100;
    static final int OFF_COMPRESSION_TYPE = 104;

    private final ByteBuffer raw;
    private final int available;
    private final long fileSize;

    private Qcow2Header(ByteBuffer raw, long fileSize) {
        this.raw = raw;
        this.available = raw.limit();
        this.fileSize = fileSize;
    }

    /** Reads the first bytes of {@code source}: as many of {@value #READ_LENGTH} as the file has. */
    static Qcow2Header read(ImageSource source) throws IOException {
        return new Qcow2Header(source.readUpTo(0, READ_LENGTH), source.size());
    }

    /** Parses a header from bytes already in memory (tests, probing). */
    static Qcow2Header of(ByteBuffer head, long fileSize) {
        ByteBuffer b = head.duplicate().rewind().order(java.nio.ByteOrder.BIG_ENDIAN);
        b.limit(Math.min(b.limit(), READ_LENGTH));
        return new Qcow2Header(b.slice().order(java.nio.ByteOrder.BIG_ENDIAN), fileSize);
    }

    /** True when the field at {@code offset} of {@code length} bytes is in the bytes read. */
    boolean has(int offset, int length) {
        return offset + length <= available;
    }

    int available() {
        return available;
    }

    long fileSize() {
        return fileSize;
    }

    private long u32(int off) {
        return has(off, 4) ? Integer.toUnsignedLong(raw.getInt(off)) : 0;
    }

    private long u64(int off) {
        return has(off, 8) ? raw.getLong(off) : 0;
    }

    int magic() {
        return has(OFF_MAGIC, 4) ? raw.getInt(OFF_MAGIC) : 0;
    }

    boolean magicValid() {
        return has(OFF_MAGIC, 4) && magic() == MAGIC;
    }

    long version() {
        return u32(OFF_VERSION);
    }

    boolean versionSupported() {
        return has(OFF_VERSION, 4) && (version() == 2 || version() == 3);
    }

    boolean isV3() {
        return version() == 3;
    }

    /** The length of the fixed part this version needs in the file: 72 (v2) or 104 (v3). */
    int fixedLength() {
        return isV3() ? V3_MIN_LENGTH : V2_LENGTH;
    }

    /** True when the version is supported and every fixed field of that version was read. */
    boolean complete() {
        return versionSupported() && has(0, fixedLength());
    }

    long backingFileOffset() {
        return u64(OFF_BACKING_OFFSET);
    }

    long backingFileSize() {
        return u32(OFF_BACKING_SIZE);
    }

    long clusterBits() {
        return u32(OFF_CLUSTER_BITS);
    }

    boolean clusterBitsValid() {
        return clusterBits() >= MIN_CLUSTER_BITS && clusterBits() <= MAX_CLUSTER_BITS;
    }

    /** Bytes per cluster; only meaningful when {@link #clusterBitsValid()}. */
    long clusterSize() {
        return clusterBitsValid() ? 1L << clusterBits() : 0;
    }

    /** Virtual size; an unsigned 64-bit value (negative when above 2^63 - 1). */
    long size() {
        return u64(OFF_SIZE);
    }

    long cryptMethod() {
        return u32(OFF_CRYPT_METHOD);
    }

    long l1Size() {
        return u32(OFF_L1_SIZE);
    }

    long l1TableOffset() {
        return u64(OFF_L1_OFFSET);
    }

    long refcountTableOffset() {
        return u64(OFF_REFCOUNT_OFFSET);
    }

    long refcountTableClusters() {
        return u32(OFF_REFCOUNT_CLUSTERS);
    }

    long nbSnapshots() {
        return u32(OFF_NB_SNAPSHOTS);
    }

    long snapshotsOffset() {
        return u64(OFF_SNAPSHOTS_OFFSET);
    }

    long incompatibleFeatures() {
        return isV3() ? u64(OFF_INCOMPATIBLE) : 0;
    }

    long compatibleFeatures() {
        return isV3() ? u64(OFF_COMPATIBLE) : 0;
    }

    long autoclearFeatures() {
        return isV3() ? u64(OFF_AUTOCLEAR) : 0;
    }

    /** log2 of the refcount width in bits; version 2 implies 4 (16-bit refcounts). */
    long refcountOrder() {
        return isV3() ? u32(OFF_REFCOUNT_ORDER) : 4;
    }

    /** The header length: the field in version 3, 72 in version 2. */
    long headerLength() {
        return isV3() ? u32(OFF_HEADER_LENGTH) : V2_LENGTH;
    }

    /** True when the header is long enough to hold the compression_type byte (and it was read). */
    boolean hasCompressionTypeField() {
        return isV3() && headerLength() > OFF_COMPRESSION_TYPE && has(OFF_COMPRESSION_TYPE, 1);
    }

    /** 0 zlib, 1 zstd; 0 when the header has no such field. */
    int compressionType() {
        return hasCompressionTypeField() ? Byte.toUnsignedInt(raw.get(OFF_COMPRESSION_TYPE)) : 0;
    }

    /** True when extended L2 entries (incompatible bit 4) make each L2 entry 16 bytes instead of 8. */
    boolean extendedL2() {
        return (incompatibleFeatures() & FeatureBits.INCOMPAT_EXTENDED_L2) != 0;
    }

    /**
     * The L1 entries needed to map the virtual size (QEMU {@code size_to_l1}); only meaningful when
     * {@link #clusterBitsValid()}. Each L1 entry maps one L2 table: cluster_size / entry_size clusters.
     */
    long l1EntriesNeeded() {
        long bits = clusterBits();
        int shift = (int) (bits + bits - (extendedL2() ? 4 : 3));
        long size = size();
        long mask = (1L << shift) - 1;
        return (size >>> shift) + ((size & mask) != 0 ? 1 : 0);
    }

    /** True for version 2, and for version 3 when header_length is at least 104 and fits the first cluster. */
    boolean headerLengthValid() {
        if (!isV3()) return true;
        long hl = headerLength();
        return hl >= V3_MIN_LENGTH && clusterBitsValid() && hl <= clusterSize();
    }

    /** The first four bytes, for messages. */
    String magicHex() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(4, available); i++) {
            if (i > 0) b.append(' ');
            b.append(String.format("%02x", raw.get(i) & 0xff));
        }
        return b.toString();
    }
}
