// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import org.vdiskdoctor.core.spi.GuestDisk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.layout.gpt.GptCodes;

/**
 * The partitions of the valid GPT copy: each inside the usable range and the disk, no two sharing a sector, and
 * (failure #38, "wrong fs type, bad superblock" on a whole-disk image) every partition's byte offset and size.
 */
final class PartitionChecks {

    /** Findings of one code beyond this many are summed up in one more. */
    static final int MAX_REPORTED = 16;

    private final GuestDisk disk;
    private final GptCopy copy;
    private final FindingSink sink;
    private final Monitor monitor;

    private PartitionChecks(GuestDisk disk, GptCopy copy, FindingSink sink, Monitor monitor) {
        this.disk = disk;
        this.copy = copy;
        this.sink = sink;
        this.monitor = monitor;
    }

    static void run(GuestDisk disk, GptCopy copy, FindingSink sink, Monitor monitor) {
        new PartitionChecks(disk, copy, sink, monitor).run();
    }

    private void run() {
        GptHeader h = copy.header();
        String table = copy.lba() == 1 ? "primary" : "backup";
        List<GptEntry> placed = new ArrayList<>();
        Capped outOfRange = new Capped(GptCodes.PARTITION_OUT_OF_RANGE);
        Capped beyondEnd = new Capped(GptCodes.PARTITION_BEYOND_END);
        for (GptEntry e : copy.array().used()) {
            if (!e.ordered()) {
                outOfRange.add("partition " + e.index() + " of the " + table + " table starts at LBA "
                        + Long.toUnsignedString(e.firstLba()) + ", after its last LBA "
                        + Long.toUnsignedString(e.lastLba()), -1);
                continue;
            }
            placed.add(e);
            if (Long.compareUnsigned(e.lastLba(), disk.lastLba()) > 0) {
                beyondEnd.add("partition " + e.index() + " (LBA " + range(e) + ") ends "
                        + Long.toUnsignedString(e.lastLba() - disk.lastLba()) + " sectors past the disk's last LBA "
                        + disk.lastLba() + ": the disk is too small for it", e.firstLba());
            } else if (Long.compareUnsigned(e.firstLba(), h.firstUsable) < 0
                    || Long.compareUnsigned(e.lastLba(), h.lastUsable) > 0) {
                outOfRange.add("partition " + e.index() + " (LBA " + range(e) + ") lies outside the usable range "
                        + Long.toUnsignedString(h.firstUsable) + ".." + Long.toUnsignedString(h.lastUsable)
                        + " of the " + table + " header", e.firstLba());
            }
        }
        outOfRange.flush();
        beyondEnd.flush();
        overlaps(placed);
        offsets(placed);
    }

    private void overlaps(List<GptEntry> placed) {
        List<GptEntry> sorted = new ArrayList<>(placed);
        sorted.sort(Comparator.comparing(GptEntry::firstLba, Long::compareUnsigned));
        Capped overlap = new Capped(GptCodes.PARTITION_OVERLAP);
        GptEntry reach = null; // the entry reaching furthest so far
        for (GptEntry e : sorted) {
            monitor.checkpoint();
            if (reach != null && Long.compareUnsigned(e.firstLba(), reach.lastLba()) <= 0) {
                long shared = (Long.compareUnsigned(e.lastLba(), reach.lastLba()) < 0 ? e.lastLba() : reach.lastLba())
                        - e.firstLba() + 1;
                overlap.add("partitions " + reach.index() + " (LBA " + range(reach) + ") and " + e.index() + " (LBA "
                        + range(e) + ") share " + Long.toUnsignedString(shared) + " sectors from LBA "
                        + Long.toUnsignedString(e.firstLba()), e.firstLba());
            }
            if (reach == null || Long.compareUnsigned(e.lastLba(), reach.lastLba()) > 0) reach = e;
        }
        overlap.flush();
    }

    private void offsets(List<GptEntry> placed) {
        StringBuilder text = new StringBuilder();
        int listed = 0;
        for (GptEntry e : placed) {
            if (Long.compareUnsigned(e.lastLba(), disk.lastLba()) > 0) continue;
            if (listed++ > 0) text.append("; ");
            text.append("partition ").append(e.index()).append(": offset ").append(e.firstLba() * disk.sectorSize())
                    .append(", ").append(e.sectors() * disk.sectorSize()).append(" bytes");
            if (!e.name().isBlank()) text.append(" ('").append(e.name().strip()).append("')");
        }
        if (listed == 0) return;
        sink.report(disk.finding(GptCodes.PARTITION_OFFSETS, "GPT with " + listed + " partition"
                + (listed == 1 ? "" : "s")
                + " (mount one with e.g. mount -o ro,loop,offset=<offset>, or check it with 'e2fsck -n "
                + "disk.img?offset=<offset>'): " + text, copy.array().lba(), copy.header().arraySectors()));
    }

    private static String range(GptEntry e) {
        return Long.toUnsignedString(e.firstLba()) + ".." + Long.toUnsignedString(e.lastLba());
    }

    /** Reports up to {@link #MAX_REPORTED} findings of one code, then one that counts the rest. */
    private final class Capped {
        private final FindingCode code;
        private int count;

        Capped(FindingCode code) {
            this.code = code;
        }

        void add(String message, long lba) {
            count++;
            if (count <= MAX_REPORTED) sink.report(disk.finding(code, message, lba, lba < 0 ? 0 : 1));
        }

        void flush() {
            if (count > MAX_REPORTED) {
                sink.report(disk.finding(code, (count - MAX_REPORTED) + " more partitions have the same problem",
                        copy.array().lba(), copy.header().arraySectors()));
            }
        }
    }
}
