// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.mbr.internal;

import org.vdiskdoctor.core.spi.GuestDisk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.layout.mbr.MbrCodes;

/**
 * The logical partitions of an extended partition: a linked list of extended boot records (EBRs). Each EBR's first
 * entry is a logical partition, relative to the EBR itself; its second entry links the next EBR, relative to the
 * start of the extended partition. The walk is bounded ({@value #MAX_LINKS} links), detects cycles and stops at the
 * first EBR outside the extended partition or without its 55 AA signature, reporting why.
 */
final class EbrChain {

    /** More logical partitions than Linux numbers (it stops at partition 255) and than any tool creates. */
    static final int MAX_LINKS = 128;

    /** A logical partition: its number (5, 6, … as Linux counts), the EBR that holds it, absolute start and size. */
    record Logical(int number, long ebrLba, int type, long start, long count) {
        long end() {
            return start + count;
        }
    }

    private EbrChain() {
    }

    /** Walks the chain of {@code extended}, reporting its faults; returns the logical partitions found. */
    static List<Logical> walk(GuestDisk disk, MbrEntry extended, FindingSink sink, Monitor monitor)
            throws IOException {
        long base = extended.start();
        long end = extended.end();
        List<Logical> logicals = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long ebr = base;
        long from = -1; // the EBR whose link led here
        for (int links = 0;; links++) {
            monitor.checkpoint();
            String origin = from < 0 ? "the extended partition (entry " + extended.slot() + ") starts at"
                    : "the EBR at LBA " + from + " links to";
            if (links >= MAX_LINKS) {
                sink.report(disk.finding(MbrCodes.EBR_CHAIN_TOO_LONG,
                        "the chain of extended boot records has more than "
                        + MAX_LINKS + " links; the walk stopped at LBA " + ebr, from, 1));
                break;
            }
            if (!seen.add(ebr)) {
                sink.report(disk.finding(MbrCodes.EBR_LOOP, origin + " LBA " + ebr + ", an EBR already visited: the "
                        + "chain of extended boot records loops after " + links + " links", from, 1));
                break;
            }
            if (ebr < base || ebr >= end) {
                sink.report(disk.finding(MbrCodes.EBR_OUTSIDE_EXTENDED, origin + " an EBR at LBA " + ebr
                        + ", outside the extended partition (LBA " + base + ".." + (end - 1) + ")", from, 1));
                break;
            }
            if (!disk.contains(ebr, 1)) break; // the extended partition itself is reported as beyond the end
            ByteBuffer s = disk.read(ebr, 1);
            if ((s.get(510) & 0xff) != 0x55 || (s.get(511) & 0xff) != 0xAA) {
                sink.report(disk.finding(MbrCodes.EBR_BAD_SIGNATURE, origin + " an EBR at " + disk.whereLba(ebr)
                        + " that has no 55 AA signature: the logical partitions from there on are lost to the guest",
                        ebr, 1));
                break;
            }
            MbrEntry part = MbrEntry.read(s, 1);
            MbrEntry next = MbrEntry.read(s, 2);
            if (part.used() && part.count() > 0) {
                Logical l = new Logical(5 + logicals.size(), ebr, part.type(), ebr + part.start(), part.count());
                logicals.add(l);
                if (l.start() <= ebr || l.end() > end) {
                    sink.report(disk.finding(MbrCodes.LOGICAL_OUTSIDE_EXTENDED, "logical partition " + l.number()
                            + " (EBR at LBA " + ebr + ") covers LBA " + l.start() + ".." + (l.end() - 1)
                            + ", not inside the extended partition after its EBR (LBA " + (ebr + 1) + ".." + (end - 1)
                            + ")", ebr, 1));
                }
            }
            if (!next.used() || !next.extended()) break;
            from = ebr;
            ebr = base + next.start();
        }
        return logicals;
    }
}
