// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/**
 * The L2 tables: every distinct table the L1 tables point at, read once, in ascending offset order and in batches
 * of adjacent clusters (up to {@value #BATCH} bytes a read). Each entry's data cluster is counted once per L1 entry
 * that points at the table, as QEMU's re-walk per snapshot would; standard entries are checked for reserved bits,
 * alignment and the end of the file, compressed ones for the COPIED flag, and the active table's entries for a
 * COPIED flag that disagrees with the on-disk refcount.
 */
final class L2Tables {

    static final int BATCH = 1 << 20;

    private L2Tables() {
    }

    static void walk(CheckContext cx) throws IOException {
        CheckGeometry g = cx.geometry();
        long[] tables = cx.l2().sortedClusters();
        int perBatch = (int) Math.max(1, Math.min(tables.length, BATCH / g.clusterSize));
        ByteBuffer buf = ByteBuffer.allocate((int) (perBatch * g.clusterSize));
        int i = 0;
        while (i < tables.length) {
            if (!cx.l2().walkable(tables[i])) {
                i++;
                continue;
            }
            int n = 1;
            while (n < perBatch && i + n < tables.length && tables[i + n] == tables[i] + n
                    && cx.l2().walkable(tables[i + n])) {
                n++;
            }
            cx.monitor().checkpoint();
            buf.clear().limit((int) (n * g.clusterSize));
            cx.source().readFully(tables[i] << g.clusterBits, buf);
            for (int k = 0; k < n; k++) {
                long cluster = tables[i + k];
                walkOne(cx, buf, (int) (k * g.clusterSize), cluster << g.clusterBits, cx.l2().references(cluster),
                        cx.l2().active(cluster));
            }
            cx.monitor().worked(n);
            i += n;
        }
    }

    private static void walkOne(CheckContext cx, ByteBuffer b, int base, long tableOffset, int times, boolean active) {
        CheckGeometry g = cx.geometry();
        ComputedRefcounts comp = cx.computed();
        int step = g.l2EntrySize;
        int end = base + g.l2Entries * step;
        for (int pos = base; pos < end; pos += step) {
            long e = b.getLong(pos);
            if (e == 0) continue;
            long at = tableOffset + (pos - base);
            if (ClusterEntries.compressed(e)) {
                if (ClusterEntries.copied(e)) {
                    cx.report().report(Qcow2Codes.L2_ENTRY_COMPRESSED_COPIED, at, 8, "the compressed L2 entry at "
                            + hex(at) + " (" + hex(e) + ") has the COPIED flag set, which compressed clusters never"
                            + " have (qemu-img check: 'copied flag must never be set for compressed clusters')");
                }
                if (g.externalData) continue;
                comp.data(ClusterEntries.compressedOffset(e, g.clusterBits),
                        ClusterEntries.compressedLength(e, g.clusterBits), times, at);
                continue;
            }
            if ((e & ClusterEntries.L2_RESERVED) != 0) reserved(cx, at, e);
            long data = ClusterEntries.standardOffset(e);
            if (data == 0 || g.externalData) continue;
            if (!g.aligned(data)) unaligned(cx, at, e, data);
            comp.data(data, g.clusterSize, times, at);
            long cluster = data >>> g.clusterBits;
            if (active && cluster < g.capacity && cx.disk().known(cluster)) {
                int refcount = cx.disk().get(cluster);
                if ((refcount == 1) != ClusterEntries.copied(e)) copied(cx, at, e, data, refcount);
            }
        }
    }

    private static void reserved(CheckContext cx, long at, long e) {
        cx.report().report(Qcow2Codes.REFERENCE_RESERVED_BITS, at, 8, "the L2 entry at " + hex(at) + " (" + hex(e)
                + ") has reserved bits " + hex(e & ClusterEntries.L2_RESERVED) + " set (qemu-img check: 'ERROR found l2"
                + " entry with reserved bits set')");
    }

    private static void unaligned(CheckContext cx, long at, long e, long data) {
        cx.report().report(Qcow2Codes.REFERENCE_UNALIGNED, at, 8, "the L2 entry at " + hex(at) + " (" + hex(e)
                + ") points at " + hex(data) + ", not a multiple of the cluster size " + cx.geometry().clusterSize
                + " (qemu-img check: 'Data cluster is not properly aligned; L2 entry corrupted')");
    }

    private static void copied(CheckContext cx, long at, long e, long data, int refcount) {
        cx.report().report(Qcow2Codes.L2_ENTRY_COPIED_MISMATCH, at, 8, "the active L2 entry at " + hex(at) + " ("
                + hex(e) + ") has the COPIED flag " + (ClusterEntries.copied(e) ? "set" : "clear") + ", but its data"
                + " cluster at " + hex(data) + " has refcount " + refcount + " on disk; the flag must be set exactly"
                + " when the refcount is 1 (qemu-img check: 'ERROR OFLAG_COPIED data cluster')");
    }
}
