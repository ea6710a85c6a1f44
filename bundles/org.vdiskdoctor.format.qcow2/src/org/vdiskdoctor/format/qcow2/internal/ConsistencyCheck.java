// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Qcow2Header.OFF_INCOMPATIBLE;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/**
 * The full consistency check, {@code qemu-img check}'s job: rebuilds the refcount of every cluster of the file from
 * everything that references it (header cluster, active and snapshot L1 and L2 tables and their data clusters,
 * snapshot table, refcount table and blocks, LUKS header, bitmap directory, tables and data) and compares it with
 * the on-disk refcounts; checks COPIED flags, reserved bits, alignment, references past the end of the file and
 * overlapping structures on the way. Read-only and bounded: memory is a few bytes per cluster of the file, every
 * table is read once.
 */
final class ConsistencyCheck {

    /** Share of the heap the counters may take before the check declines an image. */
    private static final int HEAP_SHARE = 3;
    /** Bytes of counters per cluster: computed and on-disk refcounts, plus the metadata bit. */
    private static final double BYTES_PER_CLUSTER = 4.2;

    private static final Set<FindingCode> STALE = Set.of(Qcow2Codes.REFCOUNT_LEAK, Qcow2Codes.REFCOUNT_TOO_LOW,
            Qcow2Codes.L1_ENTRY_COPIED_MISMATCH, Qcow2Codes.L2_ENTRY_COPIED_MISMATCH);

    private ConsistencyCheck() {
    }

    /**
     * True when the header locates the tables well enough to check them: valid cluster and refcount widths, and an
     * L1 table, refcount table and snapshot table that lie where they can be read (problems with them were
     * reported at open).
     */
    static boolean checkable(Qcow2Header h, ImageSource src) {
        if (!h.complete() || !h.clusterBitsValid() || !h.headerLengthValid() || h.refcountOrder() > 6) return false;
        long cs = h.clusterSize();
        long bits = h.clusterBits();
        long l1 = h.l1TableOffset();
        long rt = h.refcountTableOffset();
        boolean l1Ok = h.l1Size() <= HeaderChecks.MAX_L1_ENTRIES && (l1 & (cs - 1)) == 0
                && (h.l1Size() == 0 || l1 >= cs && src.contains(l1, h.l1Size() * 8));
        long rtClusters = h.refcountTableClusters();
        boolean rtOk = rtClusters > 0 && rtClusters <= MetadataTables.MAX_REFTABLE_BYTES >> bits
                && (rt & (cs - 1)) == 0 && rt >= cs && src.contains(rt, rtClusters << bits);
        long st = h.snapshotsOffset();
        long n = h.nbSnapshots();
        boolean stOk = n <= MetadataTables.MAX_SNAPSHOTS && (st & (cs - 1)) == 0
                && (n == 0 || st >= cs && src.contains(st, n * MetadataTables.SNAPSHOT_HEADER));
        return l1Ok && rtOk && stOk;
    }

    /** Runs the check on {@code h}'s image; {@link #checkable} must be true. */
    static void run(Qcow2Header h, HeaderExtensions ext, ImageSource src, Problems p, Monitor monitor)
            throws IOException {
        CheckGeometry g = new CheckGeometry(h, src.size());
        long incompat = h.incompatibleFeatures();
        boolean stale = (incompat & FeatureBits.INCOMPAT_DIRTY) != 0
                && (h.compatibleFeatures() & FeatureBits.COMPAT_LAZY_REFCOUNTS) != 0;
        CheckReport r = new CheckReport(p, stale ? STALE : Set.of());
        double need = g.capacity * BYTES_PER_CLUSTER;
        if (need > Runtime.getRuntime().maxMemory() / HEAP_SHARE) {
            r.report(Qcow2Codes.CHECK_TOO_LARGE, 0, 0, "the file has " + g.fileClusters + " clusters of " + g.clusterSize
                    + " bytes; counting their refcounts needs about " + (long) (need / (1 << 20)) + " MiB, more than"
                    + " this run may use (raise -Xmx): refcounts and tables were not checked");
            return;
        }
        String file = src.path().getFileName() == null ? src.path().toString() : src.path().getFileName().toString();
        RefcountTable table = RefcountTable.read(h, src, g, r);
        monitor.begin("reading refcount blocks of " + file, table.blocksToLoad(g));
        RefcountBlocks disk = RefcountBlocks.load(table, g, src, monitor);
        CheckContext cx = new CheckContext(src, g, r, monitor, new ComputedRefcounts(g, r), disk, new L2References());
        collect(cx, h, ext, table);
        // one unit per L2 table and per 65536-cluster chunk compared
        monitor.begin("checking refcounts of " + file, cx.l2().size() + RefcountComparison.chunks(cx));
        L2Tables.walk(cx);
        if (r.incomplete()) r.silence(Qcow2Codes.REFCOUNT_LEAK);
        RefcountComparison.compare(cx);
        finish(cx, h, stale);
    }

    /** Counts every reference except the guest data of L2 tables, metadata first so overlaps show as they come. */
    private static void collect(CheckContext cx, Qcow2Header h, HeaderExtensions ext, RefcountTable table)
            throws IOException {
        CheckGeometry g = cx.geometry();
        // an L1 table too small for the disk, or a LUKS header that cannot be located, leaves clusters whose users
        // are unknown (reported at open): leaks would be guesses
        Encryption.LuksHeader luks = Encryption.luksHeader(ext);
        boolean luksOk = luks != null && luks.length() > 0 && g.aligned(luks.offset())
                && cx.source().contains(luks.offset(), luks.length());
        if (h.l1Size() < g.l1Needed || h.cryptMethod() == Encryption.LUKS && !luksOk) cx.report().markIncomplete();
        cx.computed().metadata(ClusterKind.HEADER, 0, g.clusterSize, "the header", 0, Qcow2Header.V2_LENGTH);
        if (h.l1Size() > 0) L1Table.walk(cx, h.l1TableOffset(), h.l1Size(), true, "the active L1 table",
                Qcow2Header.OFF_L1_OFFSET);
        SnapshotTable.walk(cx, h);
        cx.computed().metadata(ClusterKind.REFCOUNT_TABLE, table.offset(), (long) table.size() * 8,
                "the refcount table", Qcow2Header.OFF_REFCOUNT_OFFSET, 8);
        if (h.cryptMethod() == Encryption.LUKS && luksOk) {
            cx.computed().metadata(ClusterKind.LUKS_HEADER, luks.offset(), luks.length(), "the LUKS header",
                    luks.extensionOffset() + 8, 16);
        }
        BitmapDirectory.walk(cx, h, ext);
        table.register(cx.computed(), g);
    }

    private static void finish(CheckContext cx, Qcow2Header h, boolean stale) {
        CheckReport r = cx.report();
        r.summarize(Qcow2Codes.REFCOUNT_LEAK, "leaked clusters");
        r.summarize(Qcow2Codes.REFCOUNT_TOO_LOW, "clusters with a refcount below their references");
        r.summarize(Qcow2Codes.L1_ENTRY_COPIED_MISMATCH, "L1 entries with a wrong COPIED flag");
        r.summarize(Qcow2Codes.L2_ENTRY_COPIED_MISMATCH, "L2 entries with a wrong COPIED flag");
        r.summarize(Qcow2Codes.L2_ENTRY_COMPRESSED_COPIED, "compressed L2 entries with the COPIED flag");
        r.summarize(Qcow2Codes.REFERENCE_PAST_EOF, "references beyond the end of the file");
        r.summarize(Qcow2Codes.REFERENCE_UNALIGNED, "unaligned references");
        r.summarize(Qcow2Codes.REFERENCE_RESERVED_BITS, "entries with reserved bits set");
        r.summarize(Qcow2Codes.METADATA_OVERLAP, "overlapping uses of a cluster");
        r.summarize(Qcow2Codes.L1_ENTRY_BEYOND_SIZE, "L1 entries beyond the virtual size");
        r.summarize(Qcow2Codes.REFCOUNT_BLOCK_COVERS_NOTHING, "refcount blocks beyond the end of the file");
        long leaks = r.count(Qcow2Codes.REFCOUNT_LEAK);
        if (stale) {
            long low = r.count(Qcow2Codes.REFCOUNT_TOO_LOW);
            long copied = r.count(Qcow2Codes.L1_ENTRY_COPIED_MISMATCH) + r.count(Qcow2Codes.L2_ENTRY_COPIED_MISMATCH);
            if (leaks + low + copied > 0) {
                r.add(Qcow2Codes.REFCOUNT_STALE_LAZY, OFF_INCOMPATIBLE, 8, "the refcounts are stale, as expected"
                        + " for a dirty image with lazy refcounts: " + leaks + " clusters have a refcount above their"
                        + " references, " + low + " below, and " + copied + " COPIED flags disagree; QEMU rebuilds"
                        + " them on its next read-write open (qemu-img check lists each as an error)");
            }
        }
        if ((h.incompatibleFeatures() & FeatureBits.INCOMPAT_CORRUPT) != 0) confirmCorrupt(r, stale);
    }

    private static void confirmCorrupt(CheckReport r, boolean stale) {
        List<String> found = new ArrayList<>();
        for (FindingCode code : r.codes()) {
            if (code.equals(Qcow2Codes.REFCOUNT_BLOCK_COVERS_NOTHING) || code.equals(Qcow2Codes.L1_ENTRY_BEYOND_SIZE)
                    || stale && STALE.contains(code)) {
                continue;
            }
            found.add(r.count(code) + " × " + code.value());
        }
        if (found.isEmpty()) return;
        r.add(Qcow2Codes.FEATURE_CORRUPT_CONFIRMED, OFF_INCOMPATIBLE, 8, "the corrupt bit is set, and the check"
                + " shows what is damaged: " + String.join(", ", found) + " (see those findings)");
    }
}
