// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

/**
 * Bit layouts of QCOW2 table entries (QEMU {@code docs/interop/qcow2.txt}): L1 entries, L2 entries (standard and
 * compressed; extended L2's 128-bit entries use the same first word plus a 64-bit subcluster bitmap) and refcount
 * table entries. Pure decoding: the callers check offsets against the file and the cluster size.
 */
final class ClusterEntries {
    private ClusterEntries() {
    }

    /** Bit 63 of L1 and standard L2 entries: the refcount is exactly one (no snapshot shares the cluster). */
    static final long COPIED = 1L << 63;
    /** Bit 62 of an L2 entry: the cluster is compressed. */
    static final long COMPRESSED = 1L << 62;
    /** Bit 0 of a standard L2 entry (version 3): the cluster reads as zeros. */
    static final long ZERO = 1L;
    /** Bits 9–55: host offset of an L2 table (L1), a data cluster (standard L2) or a refcount block. */
    static final long OFFSET_MASK = 0x00ff_ffff_ffff_fe00L;
    /** L1 bits 0–8 and 56–62 must be zero (QEMU's L1E_RESERVED_MASK). */
    static final long L1_RESERVED = 0x7f00_0000_0000_01ffL;
    /** Standard L2 bits 1–8 and 56–61 must be zero. */
    static final long L2_RESERVED = 0x3f00_0000_0000_01feL;
    /** Bitmap table entries: bits 1–8 and 56–63 must be zero; bit 0 means "all ones" when the offset is 0. */
    static final long BITMAP_RESERVED = 0xff00_0000_0000_01feL;
    /** Refcount table bits 0–8 must be zero. */
    static final long REFTABLE_RESERVED = 0x1ffL;

    /** The L2 table offset of an L1 entry (0 = not allocated). */
    static long l1Offset(long entry) {
        return entry & OFFSET_MASK;
    }

    static boolean copied(long entry) {
        return (entry & COPIED) != 0;
    }

    static boolean compressed(long l2Entry) {
        return (l2Entry & COMPRESSED) != 0;
    }

    /** The host cluster offset of a standard L2 entry (0 = unallocated, or zero with bit 0). */
    static long standardOffset(long l2Entry) {
        return l2Entry & OFFSET_MASK;
    }

    static boolean readsAsZero(long l2Entry) {
        return !compressed(l2Entry) && (l2Entry & ZERO) != 0;
    }

    /** x = 62 − (cluster_bits − 8): the compressed descriptor's offset field is bits 0..x−1. */
    static int compressedOffsetBits(int clusterBits) {
        return 62 - (clusterBits - 8);
    }

    /** Host byte offset where a compressed cluster's data starts (not cluster-aligned). */
    static long compressedOffset(long l2Entry, int clusterBits) {
        int x = compressedOffsetBits(clusterBits);
        return l2Entry & ((1L << x) - 1);
    }

    /**
     * Bytes a compressed cluster may occupy: (additional 512-byte sectors + 1) × 512, counted from the start of the
     * offset's sector, minus the offset's position in that sector — QEMU's reading of the field.
     */
    static long compressedLength(long l2Entry, int clusterBits) {
        int x = compressedOffsetBits(clusterBits);
        long sectors = ((l2Entry & ~COPIED & ~COMPRESSED) >>> x) + 1;
        return sectors * 512 - (compressedOffset(l2Entry, clusterBits) & 511);
    }

    /** The reserved bits of an L2 entry: none for compressed entries, {@link #L2_RESERVED} for standard ones. */
    static long l2Reserved(long l2Entry) {
        return compressed(l2Entry) ? 0 : l2Entry & L2_RESERVED;
    }

    /** The refcount block offset of a refcount table entry (0 = not allocated). */
    static long refblockOffset(long entry) {
        return entry & ~REFTABLE_RESERVED;
    }
}
