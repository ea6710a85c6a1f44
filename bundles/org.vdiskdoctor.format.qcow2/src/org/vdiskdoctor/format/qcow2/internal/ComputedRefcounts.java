// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;

import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/**
 * The refcounts rebuilt from everything that references a cluster, like QEMU's in-memory refcount array, plus what
 * each metadata cluster is used for, so that overlaps are found as they are counted. Counters are
 * {@link RefcountArray}s (2 bytes per cluster); metadata clusters are marked in a bit set (1 bit per cluster) and
 * their kind kept in a {@link ClusterMap}. All metadata is registered before any guest data, so a data reference
 * only has to test one bit.
 */
final class ComputedRefcounts {

    private final CheckGeometry g;
    private final CheckReport report;
    private final RefcountArray counts;
    private final long[][] metadataBits;
    private final ClusterMap kinds = new ClusterMap();
    private long highest = -1;

    ComputedRefcounts(CheckGeometry g, CheckReport report) {
        this.g = g;
        this.report = report;
        this.counts = new RefcountArray(g.capacity);
        this.metadataBits = new long[counts.chunks()][];
    }

    RefcountArray counts() {
        return counts;
    }

    /** The highest cluster referenced, or -1. */
    long highest() {
        return highest;
    }

    /** The kind of the first structure that referenced {@code cluster}: a metadata kind, else guest data. */
    ClusterKind kind(long cluster) {
        int k = kinds.get(cluster, -1);
        return k < 0 ? ClusterKind.DATA : ClusterKind.of(k);
    }

    /**
     * Counts one reference from a metadata structure of {@code kind} to {@code [offset, offset+length)} and marks
     * its clusters. {@code what} names the reference for messages ("the L2 table of L1 entry 3"), and
     * {@code evOffset}/{@code evLength} are the bytes that make it (the table entry, the header field). Returns false
     * when the range lies past the end of the file (not counted) or overlaps another structure (counted).
     */
    boolean metadata(ClusterKind kind, long offset, long length, String what, long evOffset, long evLength) {
        if (length <= 0) return true;
        if (g.pastEof(offset, length)) {
            pastEof(what, offset, length, evOffset, evLength);
            return false;
        }
        boolean clean = true;
        long last = (offset + length - 1) >>> g.clusterBits;
        for (long c = offset >>> g.clusterBits; c <= last; c++) {
            int k = kinds.get(c, -1);
            if (k >= 0) {
                ClusterKind other = ClusterKind.of(k);
                if (!(other == kind && kind.shareable())) {
                    overlap(c, other, kind, what, evOffset, evLength);
                    clean = false;
                }
            } else {
                kinds.put(c, kind.ordinal());
                long[] bits = bits(c);
                bits[(int) (c & RefcountArray.MASK) >>> 6] |= 1L << c;
            }
            counts.add(c, 1);
            if (c > highest) highest = c;
        }
        return clean;
    }

    /**
     * Counts {@code times} references from guest data (one L2 entry of a table that {@code times} L1 entries point
     * at) to {@code [offset, offset+length)}: one cluster, or the clusters a compressed cluster touches.
     * {@code entryOffset} is where the L2 entry lies.
     */
    void data(long offset, long length, int times, long entryOffset) {
        if (g.pastEof(offset, length)) {
            pastEof("the data cluster of the L2 entry at " + hex(entryOffset), offset, length, entryOffset, 8);
            return;
        }
        long last = (offset + length - 1) >>> g.clusterBits;
        for (long c = offset >>> g.clusterBits; c <= last; c++) {
            long[] bits = metadataBits[(int) (c >>> RefcountArray.CHUNK_BITS)];
            if (bits != null && (bits[(int) (c & RefcountArray.MASK) >>> 6] & (1L << c)) != 0) {
                overlap(c, kind(c), ClusterKind.DATA, "the L2 entry at " + hex(entryOffset), entryOffset, 8);
            }
            counts.add(c, times);
            if (c > highest) highest = c;
        }
    }

    private long[] bits(long c) {
        int k = (int) (c >>> RefcountArray.CHUNK_BITS);
        long[] b = metadataBits[k];
        if (b == null) {
            long clusters = Math.min(RefcountArray.CHUNK, g.capacity - ((long) k << RefcountArray.CHUNK_BITS));
            metadataBits[k] = b = new long[(int) ((clusters + 63) >>> 6)];
        }
        return b;
    }

    private void pastEof(String what, long offset, long length, long evOffset, long evLength) {
        if (!report.take(Qcow2Codes.REFERENCE_PAST_EOF, evOffset, evLength)) return;
        report.add(Qcow2Codes.REFERENCE_PAST_EOF, evOffset, evLength, what + " at " + hex(offset) + " (" + length
                + " bytes) lies beyond the end of the file at " + hex(g.fileSize) + " (qemu-img check: 'ERROR:"
                + " counting reference for region exceeding the end of the file by one cluster or more')");
    }

    private void overlap(long c, ClusterKind first, ClusterKind second, String what, long evOffset, long evLength) {
        if (!report.take(Qcow2Codes.METADATA_OVERLAP, evOffset, evLength)) return;
        String as = second == ClusterKind.DATA ? "guest data" : second.label;
        report.add(Qcow2Codes.METADATA_OVERLAP, evOffset, evLength, "cluster " + c + " (" + hex(c << g.clusterBits)
                + ") holds " + first.label + ", but " + what + " also uses it as " + as
                + "; a write to one overwrites the other");
    }
}
