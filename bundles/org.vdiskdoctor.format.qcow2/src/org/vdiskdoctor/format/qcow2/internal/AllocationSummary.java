// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;

/**
 * How the active L1 table maps the guest disk: L1 entries in use, L2 tables, and the guest clusters that are
 * allocated, zero, compressed or unallocated (with extended L2, also allocated and zero subclusters). A bounded walk:
 * the L1 table is read {@value #L1_CHUNK} bytes at a time and one L2 table at a time (at most one 2 MiB cluster in
 * memory), and it stops after {@value #MAX_ENTRIES} L2 entries, saying "partial". L2 tables that lie outside the
 * file or are unaligned are counted and skipped, never read.
 */
final class AllocationSummary {

    /** The most L2 entries one walk looks at (2^24). */
    static final long MAX_ENTRIES = 1L << 24;
    static final int L1_CHUNK = 64 * 1024;

    private final Qcow2Header h;
    private final ImageSource src;
    private final long maxEntries;
    long l1Used;
    long l2Tables;
    long badL2Tables;
    long allocated;
    long zero;
    long compressed;
    long unallocated;
    long subAllocated;
    long subZero;
    long entries;
    boolean partial;

    private AllocationSummary(Qcow2Header h, ImageSource src, long maxEntries) {
        this.h = h;
        this.src = src;
        this.maxEntries = maxEntries;
    }

    /** Walks the active L1 of {@code h} (which {@link GuestAccess#mappable} accepted), up to {@code maxEntries}. */
    static AllocationSummary walk(Qcow2Header h, ImageSource src, long maxEntries) throws IOException {
        AllocationSummary s = new AllocationSummary(h, src, maxEntries);
        s.run();
        return s;
    }

    private void run() throws IOException {
        int clusterBits = (int) h.clusterBits();
        long clusterSize = h.clusterSize();
        int entryBytes = h.extendedL2() ? 16 : 8;
        long perTable = clusterSize / entryBytes;
        long guestClusters = (h.size() + clusterSize - 1) >>> clusterBits;
        long l1Entries = Math.min(h.l1Size(), (guestClusters + perTable - 1) / perTable);
        for (long i = 0; i < l1Entries && !partial; i += L1_CHUNK / 8) {
            int n = (int) Math.min(L1_CHUNK / 8, l1Entries - i);
            ByteBuffer l1 = src.read(h.l1TableOffset() + i * 8, n * 8);
            for (int k = 0; k < n && !partial; k++) {
                long l2 = ClusterEntries.l1Offset(l1.getLong(k * 8));
                long first = (i + k) * perTable;
                long count = Math.min(perTable, guestClusters - first);
                if (l2 == 0) {
                    unallocated += count;
                    continue;
                }
                l1Used++;
                if ((l2 & (clusterSize - 1)) != 0 || l2 < clusterSize || !src.contains(l2, clusterSize)) {
                    badL2Tables++;
                    continue;
                }
                l2Tables++;
                table(src.read(l2, (int) clusterSize), (int) count, entryBytes);
            }
        }
    }

    private void table(ByteBuffer t, int count, int entryBytes) {
        for (int j = 0; j < count; j++) {
            if (entries == maxEntries) {
                partial = true;
                return;
            }
            entries++;
            long e = t.getLong(j * entryBytes);
            long bitmap = entryBytes == 16 ? t.getLong(j * entryBytes + 8) : 0;
            if (ClusterEntries.compressed(e)) {
                compressed++;
            } else if (entryBytes == 16) {
                subAllocated += SubclusterBitmap.allocatedCount(bitmap);
                subZero += SubclusterBitmap.zeroCount(bitmap);
                if (ClusterEntries.standardOffset(e) != 0) allocated++;
                else if (SubclusterBitmap.zeroCount(bitmap) == SubclusterBitmap.SUBCLUSTERS) zero++;
                else unallocated++;
            } else if ((e & ClusterEntries.ZERO) != 0) {
                zero++;
            } else if (ClusterEntries.standardOffset(e) != 0 || ClusterEntries.copied(e)) {
                allocated++; // bit 63 with offset 0: cluster 0 of an external data file
            } else {
                unallocated++;
            }
        }
    }

    /** The "allocation" node of the structure tree. */
    StructureNode node() {
        StructureNode.Builder n = StructureNode.node("allocation").value(allocated + " allocated, " + zero
                + " zero, " + compressed + " compressed, " + unallocated + " unallocated clusters"
                + (partial ? " (partial: stopped after " + entries + " L2 entries)" : ""));
        n.range(h.l1TableOffset(), h.l1Size() * 8);
        n.field("l1 entries used", l1Used + " of " + h.l1Size(), h.l1TableOffset(), h.l1Size() * 8);
        n.field("l2 tables", l2Tables, -1, 0);
        if (badL2Tables > 0) n.field("l2 tables unreadable", badL2Tables + " (unaligned or outside the file)", -1, 0);
        n.field("allocated clusters", allocated, -1, 0);
        n.field("zero clusters", zero, -1, 0);
        n.field("compressed clusters", compressed, -1, 0);
        n.field("unallocated clusters", unallocated, -1, 0);
        if (h.extendedL2()) {
            n.field("allocated subclusters", subAllocated, -1, 0);
            n.field("zero subclusters", subZero, -1, 0);
        }
        n.field("complete", partial ? "no: partial, " + entries + " of the L2 entries looked at (limit "
                + maxEntries + ")" : "yes", -1, 0);
        return n.build();
    }

    @Override
    public String toString() {
        return "allocation at " + hex(h.l1TableOffset()) + ": " + node().value();
    }
}
