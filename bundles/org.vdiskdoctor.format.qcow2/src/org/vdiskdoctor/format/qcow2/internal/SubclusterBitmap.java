// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

/**
 * The second word of an extended L2 entry (incompatible bit 4): bits 0–31 say which of the cluster's 32
 * subclusters are allocated, bits 32–63 which read as zeros. Decoded as QEMU's {@code qcow2_get_subcluster_type}
 * does; a subcluster both allocated and zero, or allocated in a cluster that has no host offset, is invalid.
 */
final class SubclusterBitmap {

    /** Subclusters per cluster. */
    static final int SUBCLUSTERS = 32;

    /** What one subcluster reads as. */
    enum Kind {
        /** From the host cluster. */
        DATA,
        /** Zeros. */
        ZERO,
        /** From the backing image (zeros without one). */
        UNALLOCATED,
        /** A bitmap QEMU refuses. */
        INVALID
    }

    private SubclusterBitmap() {
    }

    static boolean allocated(long bitmap, int index) {
        return (bitmap & (1L << index)) != 0;
    }

    static boolean zero(long bitmap, int index) {
        return (bitmap & (1L << (index + SUBCLUSTERS))) != 0;
    }

    /** The kind of subcluster {@code index} of a standard entry with ({@code hasHost}) or without a host cluster. */
    static Kind kind(long bitmap, int index, boolean hasHost) {
        if (hasHost) {
            if (((bitmap >>> SUBCLUSTERS) & bitmap & 0xffff_ffffL) != 0) return Kind.INVALID;
            if (zero(bitmap, index)) return Kind.ZERO;
            return allocated(bitmap, index) ? Kind.DATA : Kind.UNALLOCATED;
        }
        if ((bitmap & 0xffff_ffffL) != 0) return Kind.INVALID;
        return zero(bitmap, index) ? Kind.ZERO : Kind.UNALLOCATED;
    }

    /** Allocated subclusters. */
    static int allocatedCount(long bitmap) {
        return Long.bitCount(bitmap & 0xffff_ffffL);
    }

    /** Zero subclusters. */
    static int zeroCount(long bitmap) {
        return Long.bitCount(bitmap >>> SUBCLUSTERS);
    }
}
