// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.mbr.internal;

import org.vdiskdoctor.core.spi.GuestDisk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.layout.mbr.MbrCodes;

/** Finds sectors claimed twice among a set of extents, sorting once and sweeping (n log n for any table). */
final class PartitionOverlaps {

    /** Overlaps reported at most; the rest are counted in the last finding. */
    static final int MAX_REPORTED = 16;

    /** A named range of sectors, {@code [start, end)}, and the LBA its entry lives in (for the evidence). */
    record Extent(String label, long start, long end, long entryLba) {
    }

    private PartitionOverlaps() {
    }

    static void report(GuestDisk disk, List<Extent> extents, FindingSink sink) {
        List<Extent> sorted = new ArrayList<>(extents);
        sorted.sort(Comparator.comparingLong(Extent::start));
        Extent reach = null;
        int count = 0;
        for (Extent e : sorted) {
            if (reach != null && e.start() < reach.end()) {
                count++;
                if (count <= MAX_REPORTED) {
                    long shared = Math.min(e.end(), reach.end()) - e.start();
                    sink.report(disk.finding(MbrCodes.PARTITION_OVERLAP, reach.label() + " (LBA " + reach.start() + ".."
                            + (reach.end() - 1) + ") and " + e.label() + " (LBA " + e.start() + ".." + (e.end() - 1)
                            + ") share " + shared + " sectors from LBA " + e.start(), e.entryLba(), 1));
                }
            }
            if (reach == null || e.end() > reach.end()) reach = e;
        }
        if (count > MAX_REPORTED) {
            sink.report(disk.finding(MbrCodes.PARTITION_OVERLAP, (count - MAX_REPORTED) + " more overlaps", 0, 1));
        }
    }
}
