// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/**
 * The refcount table: refcount_table_clusters clusters of u64 entries at refcount_table_offset, entry i pointing at
 * the refcount block for clusters {@code [i << blockBits, (i+1) << blockBits)}. The caller has checked its place and
 * size (QEMU's 8 MiB limit) against the header and the file; each entry is checked here as QEMU's
 * {@code check_refblocks} does: reserved bits, alignment, inside the file. Blocks that only cover clusters beyond the
 * end of the file are noted but counted like any other.
 */
final class RefcountTable {

    private final long offset;
    private final long[] entries;
    private final boolean[] unusable;

    private RefcountTable(long offset, long[] entries, boolean[] unusable) {
        this.offset = offset;
        this.entries = entries;
        this.unusable = unusable;
    }

    static RefcountTable read(Qcow2Header h, ImageSource src, CheckGeometry g, CheckReport r) throws IOException {
        long offset = h.refcountTableOffset();
        int n = (int) ((h.refcountTableClusters() << g.clusterBits) / 8);
        ByteBuffer b = src.read(offset, n * 8);
        long[] entries = new long[n];
        b.asLongBuffer().get(entries);
        boolean[] unusable = new boolean[n];
        long needed = (g.capacity + (1L << g.blockBits) - 1) >>> g.blockBits;
        for (int i = 0; i < n; i++) {
            long e = entries[i];
            if (e == 0) continue;
            long at = offset + 8L * i;
            long block = ClusterEntries.refblockOffset(e);
            String which = "refcount table entry " + i + " (" + hex(e) + ")";
            if ((e & ClusterEntries.REFTABLE_RESERVED) != 0) {
                unusable[i] = true;
                r.report(Qcow2Codes.REFERENCE_RESERVED_BITS, at, 8, which + " has reserved bits "
                        + hex(e & ClusterEntries.REFTABLE_RESERVED) + " set (qemu-img check: 'ERROR refcount table entry "
                        + i + " has reserved bits set')");
            } else if (!g.aligned(block)) {
                unusable[i] = true;
                r.report(Qcow2Codes.REFERENCE_UNALIGNED, at, 8, which + " points at " + hex(block) + ", not a multiple"
                        + " of the cluster size " + g.clusterSize + " (qemu-img check: 'ERROR refcount block " + i
                        + " is not cluster aligned; refcount table entry corrupted')");
            } else if (!src.contains(block, g.clusterSize)) {
                unusable[i] = true;
                r.report(Qcow2Codes.REFERENCE_PAST_EOF, at, 8, "refcount block " + i + " at " + hex(block)
                        + " lies beyond the end of the file at " + hex(g.fileSize) + " (qemu-img check: 'ERROR"
                        + " refcount block " + i + " is outside image'); the refcounts of clusters "
                        + ((long) i << g.blockBits) + " and up cannot be read");
            } else if (i >= needed) {
                r.report(Qcow2Codes.REFCOUNT_BLOCK_COVERS_NOTHING, at, 8, "refcount block " + i + " at "
                        + hex(block) + " covers clusters " + ((long) i << g.blockBits) + " to "
                        + (((long) i + 1 << g.blockBits) - 1) + ", all beyond the end of the file ("
                        + g.fileClusters + " clusters)");
            }
        }
        return new RefcountTable(offset, entries, unusable);
    }

    /** The usable refcount blocks that cover clusters of the file: what {@link RefcountBlocks#load} reads. */
    long blocksToLoad(CheckGeometry g) {
        long needed = (g.capacity + (1L << g.blockBits) - 1) >>> g.blockBits;
        long n = 0;
        for (int i = 0; i < Math.min(needed, entries.length); i++) {
            if (block(i) != 0 && !unusable[i]) n++;
        }
        return n;
    }

    int size() {
        return entries.length;
    }

    long offset() {
        return offset;
    }

    /** The refcount block offset of entry {@code i}, 0 when unallocated. */
    long block(int i) {
        return ClusterEntries.refblockOffset(entries[i]);
    }

    /** True when entry {@code i} is non-zero but cannot be used (reserved bits, unaligned, past EOF). */
    boolean unusable(int i) {
        return unusable[i];
    }

    /** Counts a reference to every usable refcount block. */
    void register(ComputedRefcounts comp, CheckGeometry g) {
        for (int i = 0; i < entries.length; i++) {
            long block = block(i);
            if (block == 0 || unusable[i]) continue;
            comp.metadata(ClusterKind.REFCOUNT_BLOCK, block, g.clusterSize, "refcount block " + i + " (refcount"
                    + " table entry " + i + ")", offset + 8L * i, 8);
        }
    }
}
