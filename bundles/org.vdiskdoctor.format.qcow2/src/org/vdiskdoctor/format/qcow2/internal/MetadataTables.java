// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.dec;
import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Header.*;

import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/**
 * Where the header puts the three top-level tables, checked without reading them: the active L1 table
 * (l1_size entries of 8 bytes at l1_table_offset), the refcount table (refcount_table_clusters clusters at
 * refcount_table_offset) and the snapshot table (nb_snapshots entries of at least 40 bytes at snapshots_offset).
 * Sizes are checked against QEMU's limits before they are multiplied, offsets against the cluster size and the
 * file. The tables' contents are a later check's business.
 */
final class MetadataTables {

    /** QEMU's largest refcount table (QCOW_MAX_REFTABLE_SIZE). */
    static final long MAX_REFTABLE_BYTES = 8L << 20;
    /** QEMU's most snapshots (QCOW_MAX_SNAPSHOTS). */
    static final long MAX_SNAPSHOTS = 65536;
    /** The fixed part of a snapshot table entry (sizeof QCowSnapshotHeader). */
    static final int SNAPSHOT_HEADER = 40;

    private final Qcow2Header h;
    private final ImageSource src;
    private final Problems p;
    private final boolean cut;
    private final List<String> beyondEnd = new ArrayList<>();

    private MetadataTables(Qcow2Header h, ImageSource src, Problems p) {
        this.h = h;
        this.src = src;
        this.p = p;
        this.cut = headerClusterCut(h);
    }

    /**
     * True when the file ends inside its first cluster. A sound image never does: its refcount table always lies
     * in a later cluster. Such a file was cut short, and one finding says so instead of one per table.
     */
    static boolean headerClusterCut(Qcow2Header h) {
        return h.clusterBitsValid() && h.fileSize() < h.clusterSize();
    }

    /** Checks the three tables of {@code h}; the header must be complete and its cluster_bits valid. */
    static void check(Qcow2Header h, ImageSource src, Problems p) {
        new MetadataTables(h, src, p).run();
    }

    private void run() {
        checkL1();
        checkRefcountTable();
        checkSnapshotTable();
        if (cut) {
            String lost = beyondEnd.isEmpty() ? "" : "; " + String.join(", ", beyondEnd) + " lie beyond it";
            p.add(Qcow2Codes.FILE_TRUNCATED, 0, h.fileSize(), "the file is " + h.fileSize() + " bytes, shorter than"
                    + " the first cluster (" + h.clusterSize() + " bytes) that holds the header" + lost
                    + ": the file was cut short");
        }
    }

    private void checkL1() {
        long entries = h.l1Size();
        long offset = h.l1TableOffset();
        boolean sized = true;
        if (entries > HeaderChecks.MAX_L1_ENTRIES) {
            p.add(Qcow2Codes.L1_TABLE_TOO_LARGE, OFF_L1_SIZE, 4, "l1_size is " + entries + " entries ("
                    + entries * 8 + " bytes), more than QEMU's limit of " + HeaderChecks.MAX_L1_ENTRIES
                    + " entries (32 MiB) (QEMU: 'Active L1 table too large')");
            sized = false;
        } else if (!HeaderChecks.sizeTooLarge(h) && entries < h.l1EntriesNeeded()) {
            p.add(Qcow2Codes.L1_TABLE_TOO_SMALL, OFF_L1_SIZE, 4, "l1_size is " + entries + " entries, but the"
                    + " virtual size of " + dec(h.size()) + " bytes needs " + h.l1EntriesNeeded() + " with "
                    + h.clusterSize() + "-byte clusters (QEMU: 'L1 table is too small')");
        }
        if (!aligned(offset)) {
            p.add(Qcow2Codes.L1_TABLE_UNALIGNED, OFF_L1_OFFSET, 8, "l1_table_offset is " + hex(offset)
                    + ", not a multiple of the cluster size " + h.clusterSize()
                    + " (QEMU: 'Active L1 table offset invalid')");
        } else if (entries > 0 && sized && inHeaderCluster(offset)) {
            p.add(Qcow2Codes.L1_TABLE_OVERLAPS_HEADER, OFF_L1_OFFSET, 8, "l1_table_offset is " + hex(offset)
                    + ", inside the first cluster (" + h.clusterSize() + " bytes) that holds the header: the header"
                    + " would be read as L1 entries");
        } else if (entries > 0 && sized) {
            place("the L1 table", Qcow2Codes.L1_TABLE_PAST_EOF, OFF_L1_OFFSET, offset, entries * 8, true);
        }
    }

    private void checkRefcountTable() {
        long clusters = h.refcountTableClusters();
        long offset = h.refcountTableOffset();
        boolean sized = true;
        if (clusters == 0) {
            p.add(Qcow2Codes.REFCOUNT_TABLE_EMPTY, OFF_REFCOUNT_CLUSTERS, 4, "refcount_table_clusters is 0: the"
                    + " image has no refcount table (QEMU: 'Image does not contain a reference count table')");
            sized = false;
        } else if (clusters > MAX_REFTABLE_BYTES >> h.clusterBits()) {
            p.add(Qcow2Codes.REFCOUNT_TABLE_TOO_LARGE, OFF_REFCOUNT_CLUSTERS, 4, "refcount_table_clusters is "
                    + clusters + " (" + (clusters << h.clusterBits()) + " bytes), more than QEMU's limit of "
                    + MAX_REFTABLE_BYTES + " bytes (8 MiB) (QEMU: 'Reference count table too large')");
            sized = false;
        }
        if (!aligned(offset)) {
            p.add(Qcow2Codes.REFCOUNT_TABLE_UNALIGNED, OFF_REFCOUNT_OFFSET, 8, "refcount_table_offset is "
                    + hex(offset) + ", not a multiple of the cluster size " + h.clusterSize()
                    + " (QEMU: 'Reference count table offset invalid')");
        } else if (sized && inHeaderCluster(offset)) {
            p.add(Qcow2Codes.REFCOUNT_TABLE_OVERLAPS_HEADER, OFF_REFCOUNT_OFFSET, 8, "refcount_table_offset is "
                    + hex(offset) + ", inside the first cluster (" + h.clusterSize() + " bytes) that holds the"
                    + " header: the header would be read as refcount table entries");
        } else if (sized) {
            place("the refcount table", Qcow2Codes.REFCOUNT_TABLE_PAST_EOF, OFF_REFCOUNT_OFFSET, offset,
                    clusters << h.clusterBits(), true);
        }
    }

    private void checkSnapshotTable() {
        long count = h.nbSnapshots();
        long offset = h.snapshotsOffset();
        boolean sized = true;
        if (count > MAX_SNAPSHOTS) {
            p.add(Qcow2Codes.SNAPSHOT_TABLE_TOO_MANY, OFF_NB_SNAPSHOTS, 4, "nb_snapshots is " + count
                    + ", more than QEMU's limit of " + MAX_SNAPSHOTS + " (QEMU: 'Snapshot table too large')");
            sized = false;
        }
        if (!aligned(offset)) {
            p.add(Qcow2Codes.SNAPSHOT_TABLE_UNALIGNED, OFF_SNAPSHOTS_OFFSET, 8, "snapshots_offset is " + hex(offset)
                    + ", not a multiple of the cluster size " + h.clusterSize()
                    + " (QEMU: 'Snapshot table offset invalid')");
        } else if (count > 0 && sized && inHeaderCluster(offset)) {
            p.add(Qcow2Codes.SNAPSHOT_TABLE_OVERLAPS_HEADER, OFF_SNAPSHOTS_OFFSET, 8, "snapshots_offset is "
                    + hex(offset) + ", inside the first cluster (" + h.clusterSize() + " bytes) that holds the"
                    + " header, but the image has " + count + " snapshots");
        } else if (count > 0 && sized) {
            place("the snapshot table", Qcow2Codes.SNAPSHOT_TABLE_PAST_EOF, OFF_SNAPSHOTS_OFFSET, offset,
                    count * SNAPSHOT_HEADER, false);
        }
    }

    /**
     * Reports a table of {@code bytes} at {@code offset} that is not wholly inside the file: past the end when it
     * starts beyond it, truncated when the file ends inside it ({@code exact}: the size is known, not a minimum).
     */
    private void place(String what, FindingCode pastEof, int field, long offset, long bytes, boolean exact) {
        if (src.contains(offset, bytes)) return;
        long size = src.size();
        if (cut) {
            beyondEnd.add(what + " (" + hex(offset) + ")");
            return;
        }
        String need = (exact ? "" : "at least ") + bytes + " bytes";
        if (Long.compareUnsigned(offset, size) >= 0 || !exact) {
            p.add(pastEof, field, 8, what + " at " + hex(offset) + " (" + need + ") lies beyond the end of the file,"
                    + " which has " + size + " bytes: the offset is damaged or the file was cut short");
        } else {
            p.add(Qcow2Codes.FILE_TRUNCATED, offset, size - offset, what + " at " + hex(offset) + " needs " + need
                    + " up to " + hex(offset + bytes) + ", but the file ends at " + hex(size) + " (" + size
                    + " bytes): the file was cut short");
        }
    }

    private boolean aligned(long offset) {
        return (offset & (h.clusterSize() - 1)) == 0;
    }

    private boolean inHeaderCluster(long offset) {
        return Long.compareUnsigned(offset, h.clusterSize()) < 0;
    }
}
