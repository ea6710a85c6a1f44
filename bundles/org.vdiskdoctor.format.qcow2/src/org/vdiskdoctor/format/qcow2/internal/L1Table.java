// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;

import java.io.IOException;

import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/**
 * One L1 table, the active one or a snapshot's: l1_size u64 entries, each pointing at an L2 table (bits 9-55) with
 * the COPIED flag in bit 63. Walking it counts the table and one reference per entry to its L2 table, and records
 * each distinct L2 table in an {@link L2References} map, so that a table shared with snapshots is read once. For the
 * active table the COPIED flag is compared with the on-disk refcount of the L2 table (set iff it is 1).
 */
final class L1Table {

    private L1Table() {
    }

    /**
     * Walks the L1 table of {@code entries} entries at {@code offset} (its place already checked against the file
     * and QEMU's 32 MiB limit). {@code name} names it in messages ("the active L1 table", "snapshot 2 ('x')");
     * {@code evOffset} is where its offset is stored (the header field, the snapshot table entry).
     */
    static void walk(CheckContext cx, long offset, long entries, boolean active, String name, long evOffset)
            throws IOException {
        ClusterKind kind = active ? ClusterKind.L1_TABLE : ClusterKind.SNAPSHOT_L1_TABLE;
        if (!cx.source().contains(offset, entries * 8)) {
            cx.report().report(Qcow2Codes.REFERENCE_PAST_EOF, evOffset, 8, name + " at " + hex(offset) + " ("
                    + entries * 8 + " bytes) ends beyond the end of the file at " + hex(cx.geometry().fileSize));
            cx.report().markIncomplete();
            return;
        }
        if (!cx.computed().metadata(kind, offset, entries * 8, name, evOffset, 8)) {
            // past EOF or overlapping another table: its entries are not this table's, and walking them again
            // (a snapshot pointing at another L1 table) would only repeat what is known; the L2 tables and data it
            // may reference are unknown, so leaks cannot be told apart from clusters in use
            cx.report().markIncomplete();
            return;
        }
        CheckGeometry g = cx.geometry();
        CheckReport r = cx.report();
        TableReader in = new TableReader(cx.source(), entries * 8);
        for (long i = 0; i < entries; i++) {
            if ((i & 4095) == 0) cx.monitor().checkpoint();
            long at = offset + 8 * i;
            long e = in.u64(at);
            if (e == 0) continue;
            if ((e & ClusterEntries.L1_RESERVED) != 0) {
                r.report(Qcow2Codes.REFERENCE_RESERVED_BITS, at, 8, name + " entry " + i + " (" + hex(e) + ") has"
                        + " reserved bits " + hex(e & ClusterEntries.L1_RESERVED) + " set (qemu-img check: 'ERROR found"
                        + " L1 entry with reserved bits set')");
            }
            long l2 = ClusterEntries.l1Offset(e);
            if (l2 == 0) continue;
            if (active && i >= g.l1Needed) {
                r.report(Qcow2Codes.L1_ENTRY_BEYOND_SIZE, at, 8, name + " entry " + i + " points at an L2 table at "
                        + hex(l2) + ", but the virtual size needs only " + g.l1Needed + " entries: it maps guest"
                        + " space beyond the end of the disk");
            }
            String what = "the L2 table of " + name + " entry " + i;
            boolean walkable = true;
            if (!g.aligned(l2)) {
                walkable = false;
                r.report(Qcow2Codes.REFERENCE_UNALIGNED, at, 8, what + " is at " + hex(l2) + ", not a multiple of the"
                        + " cluster size " + g.clusterSize + " (qemu-img check: 'ERROR l2_offset=" + Long.toHexString(l2)
                        + ": Table is not cluster aligned; L1 entry corrupted')");
            }
            if (!cx.computed().metadata(ClusterKind.L2_TABLE, l2, g.clusterSize, what, at, 8)) walkable = false;
            if (!g.pastEof(l2, g.clusterSize) && !cx.source().contains(l2, g.clusterSize)) {
                walkable = false;
                cx.report().report(Qcow2Codes.REFERENCE_PAST_EOF, at, 8, what + " at " + hex(l2) + " is cut by the"
                        + " end of the file at " + hex(g.fileSize));
            }
            if (!walkable) cx.report().markIncomplete();
            if (g.pastEof(l2, g.clusterSize)) continue;
            long cluster = l2 >>> g.clusterBits;
            cx.l2().add(cluster, active, walkable);
            if (active && cx.disk().known(cluster)) {
                int refcount = cx.disk().get(cluster);
                if ((refcount == 1) != ClusterEntries.copied(e)) {
                    r.report(Qcow2Codes.L1_ENTRY_COPIED_MISMATCH, at, 8, name + " entry " + i + " (" + hex(e) + ") has"
                            + " the COPIED flag " + (ClusterEntries.copied(e) ? "set" : "clear") + ", but its L2 table"
                            + " at " + hex(l2) + " has refcount " + refcount + " on disk; the flag must be set exactly"
                            + " when the refcount is 1 (qemu-img check: 'ERROR OFLAG_COPIED L2 cluster')");
                }
            }
        }
    }
}
