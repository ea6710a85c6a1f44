// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import static org.vdiskdoctor.format.vmdk.internal.Problems.hex;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.format.vmdk.VmdkCodes;

/**
 * Walks every grain directory entry and every grain table of a sparse extent, comparing the redundant copy entry by
 * entry, and reports every bad entry (capped per code by {@link Problems}): tables and grains outside the file,
 * grains shared by two entries, grains off the grain grid, grains inside metadata, and compressed grains whose
 * marker is damaged or whose data runs into the next grain. The deflate data of compressed grains is inflated only
 * in a deep check ({@code --deep}): the default reads 14 bytes per grain (marker and zlib header), so a 40 GB
 * streamOptimized disk is checked in about the time {@code qemu-img check} takes. Unlike {@code qemu-img check},
 * which stops at the first bad entry, the walk goes on. Tables are read one at a time; the directory in chunks.
 */
final class GrainTableCheck {

    private static final int GD_CHUNK = 16 * 1024;
    private static final long SPAN_MASK = (1L << 24) - 1;
    /** The most compressed grains whose spans are kept for the overlap pass (8 bytes each). */
    private static final int MAX_SPANS = 1 << 23;
    /** Above this many file sectors, duplicates are tracked per grain-sized slot instead of per sector. */
    private static final long EXACT_SECTORS = 1L << 27;

    private final SparseLayout l;
    private final ImageSource src;
    private final Path f;
    private final Problems p;
    private final long fileSectors;
    private final long[][] fixed;
    private long[] gtStarts = new long[0];
    private final long gtSectors;
    private final BitSet seen = new BitSet();
    private final int shift;
    private final boolean inflate;
    /** Whether metadata markers precede tables (a stream with a footer, as VMware writes it). */
    private final boolean markers;
    private byte[] grain;
    private StreamMarkers.Inflating inflating;
    private final ByteBuffer window = ByteBuffer.allocateDirect(64 * 1024).limit(0);
    private long windowStart = -1;
    /** Compressed grains as (first sector << 24 | sectors), to find grains whose data runs into the next one. */
    private long[] spans = new long[0];
    private int spanCount;
    long allocated;
    long zeroed;

    /** Deep checks inflate grains only up to this grain size; larger (never written by VMware or QEMU) get markers. */
    static final long MAX_INFLATED_GRAIN = 16L << 20;

    private GrainTableCheck(SparseLayout l, ImageSource src, Problems p, boolean inflate) {
        this.l = l;
        this.src = src;
        this.f = src.path();
        this.p = p;
        this.fileSectors = src.size() / 512;
        SparseHeader h = l.header();
        long gdSectors = (l.gdEntries() * 4 + 511) / 512;
        this.gtSectors = (l.gtBytes() + 511) / 512;
        long desc = h.descriptorOffset() > 0 && h.descriptorSize() > 0 ? h.descriptorOffset() : 0;
        this.markers = l.footer() != null;
        long gdMarker = markers ? 1 : 0;
        this.fixed = new long[][] { { 0, 1 }, { desc, desc == 0 ? 0 : h.descriptorSize() },
                { l.gdOffset() - gdMarker, gdSectors + gdMarker },
                { l.rgdOffset(), l.rgdOffset() == 0 ? 0 : gdSectors },
                { l.footer() != null ? fileSectors - 3 : 0, l.footer() != null ? 3 : 0 } };
        this.shift = fileSectors <= EXACT_SECTORS ? 0 : Long.numberOfTrailingZeros(h.grainSize());
        this.inflate = inflate && h.compressed() && l.grainBytes() <= MAX_INFLATED_GRAIN;
    }

    /**
     * Runs the walk; returns {allocated grains, zeroed grains}. With {@code inflate}, every compressed grain is also
     * inflated (bounded by the grain size) to find damaged deflate data.
     */
    static long[] run(SparseLayout l, ImageSource src, Problems p, Monitor monitor, boolean inflate)
            throws IOException {
        GrainTableCheck c = new GrainTableCheck(l, src, p, inflate);
        try {
            c.collectTables(monitor);
            c.walk(monitor);
            c.overlappingGrains(monitor);
        } finally {
            if (c.inflating != null) c.inflating.end();
        }
        p.summarize();
        return new long[] { c.allocated, c.zeroed };
    }

    /** First pass: check directory entries and remember where every table lies. */
    private void collectTables(Monitor monitor) throws IOException {
        long[] starts = new long[(int) Math.min(l.gdEntries() * (l.rgdOffset() != 0 ? 2 : 1), Integer.MAX_VALUE - 8)];
        int n = 0;
        for (long dir : new long[] { l.gdOffset(), l.rgdOffset() }) {
            if (dir == 0) continue;
            boolean redundant = dir == l.rgdOffset() && dir != l.gdOffset();
            for (long i = 0; i < l.gdEntries(); i += GD_CHUNK) {
                monitor.checkpoint();
                int k = (int) Math.min(GD_CHUNK, l.gdEntries() - i);
                ByteBuffer b = src.read(dir * 512 + i * 4, k * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (int j = 0; j < k; j++) {
                    long gt = Integer.toUnsignedLong(b.getInt(j * 4));
                    if (gt == 0) continue;
                    if (tableInFile(gt)) {
                        starts[n++] = gt;
                    } else {
                        p.addCapped(VmdkCodes.GD_ENTRY_INVALID, f, dir * 512 + (i + j) * 4, 4, (redundant
                                ? "redundant " : "") + "grain directory entry " + (i + j) + " points to a grain table"
                                + " at sector " + gt + ", which " + (gt < 1 ? "is the header" : "lies past the end of"
                                + " the file of " + src.size() + " bytes") + "; its grains cannot be located");
                    }
                }
            }
        }
        gtStarts = Arrays.copyOf(starts, n);
        Arrays.sort(gtStarts);
    }

    private boolean tableInFile(long gt) {
        return gt >= 1 && src.contains(gt * 512, l.gtBytes());
    }

    private long gdEntry(long dir, long i) throws IOException {
        return Integer.toUnsignedLong(src.read(dir * 512 + i * 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    private void walk(Monitor monitor) throws IOException {
        SparseHeader h = l.header();
        for (long i = 0; i < l.gdEntries(); i++) {
            if ((i & 63) == 0) monitor.checkpoint();
            long gt = gdEntry(l.gdOffset(), i);
            long rgt = l.rgdOffset() != 0 ? gdEntry(l.rgdOffset(), i) : -1;
            long left = h.capacity() - i * l.gtCoverage();
            int entries = (int) Math.min(l.gtEntries(), (left + h.grainSize() - 1) / h.grainSize());
            ByteBuffer t = gt != 0 && tableInFile(gt) ? table(gt) : null;
            ByteBuffer r = rgt > 0 && tableInFile(rgt) ? table(rgt) : null;
            if (rgt >= 0 && (gt == 0) != (rgt == 0)) {
                p.addCapped(VmdkCodes.GD_REDUNDANT_MISMATCH, f, l.rgdOffset() * 512 + i * 4, 4, "grain directory"
                        + " entry " + i + " is " + gt + " but its redundant copy is " + rgt + ": one of the two"
                        + " directories is damaged");
            }
            for (int j = 0; j < entries; j++) {
                long e = t == null ? 0 : Integer.toUnsignedLong(t.getInt(j * 4));
                if (t != null && r != null) {
                    long re = Integer.toUnsignedLong(r.getInt(j * 4));
                    if (re != e) {
                        p.addCapped(VmdkCodes.GD_REDUNDANT_MISMATCH, f, rgt * 512 + j * 4L, 4, "grain table entry "
                                + j + " of table " + i + " is " + e + " but its redundant copy at " + hex(rgt * 512
                                + j * 4L) + " is " + re + ": one of the two tables is damaged");
                    }
                }
                if (t != null && e != 0) entry(e, gt * 512 + j * 4L, (i * l.gtEntries() + j) * h.grainSize());
            }
        }
    }

    private ByteBuffer table(long gt) throws IOException {
        return src.read(gt * 512, (int) l.gtBytes()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** One allocated entry {@code e} (a sector) stored at byte {@code at}, mapping guest sector {@code lba}. */
    private void entry(long e, long at, long lba) throws IOException {
        SparseHeader h = l.header();
        if (e == 1 && h.zeroedGrains()) {
            zeroed++;
            return;
        }
        allocated++;
        boolean compressed = h.compressed();
        long need = compressed ? StreamMarkers.GRAIN_MARKER : l.grainBytes();
        String what = "grain table entry at " + hex(at) + " (guest sector " + lba + ")";
        if (e >= fileSectors || !src.contains(e * 512, need)) {
            p.addCapped(VmdkCodes.GT_ENTRY_PAST_EOF, f, at, 4, what + " points to sector " + e + ", past the end of"
                    + " the file of " + src.size() + " bytes (qemu-img check: 'cluster offset for sector … points"
                    + " after EOF'); the guest reads an I/O error or zeros there");
            return;
        }
        int size = 0;
        if (compressed) {
            try {
                size = StreamMarkers.marker(markerBytes(e * 512), src, e * 512, lba, l.grainBytes());
            } catch (StreamMarkers.BadGrain bad) {
                p.addCapped(VmdkCodes.STREAM_GRAIN_INVALID, f, e * 512, StreamMarkers.GRAIN_MARKER, what + ": "
                        + bad.getMessage());
            }
        }
        long len = compressed ? (StreamMarkers.GRAIN_MARKER + size + 511) / 512 : h.grainSize();
        if (overlapsMetadata(e, len)) {
            p.addCapped(VmdkCodes.GT_GRAIN_OVERLAPS_METADATA, f, at, 4, what + " points to sector " + e
                    + (compressed && len > 1 ? " (a grain of " + len + " sectors)" : "") + ", inside or running into the header,"
                    + " descriptor, a grain directory or a grain table (overhead ends at sector " + h.overhead()
                    + "); a guest write there destroys metadata");
        } else if (!compressed && offGrid(e)) {
            p.addCapped(VmdkCodes.GT_GRAIN_MISALIGNED, f, at, 4, what + " points to sector " + e + ", which is not"
                    + " on the grain grid (overhead " + h.overhead() + " plus a multiple of " + h.grainSize()
                    + " sectors): VMware and QEMU allocate whole grains there, so the entry is damaged and the"
                    + " guest reads parts of two grains");
        }
        int slot = (int) (e >>> shift);
        if (seen.get(slot)) {
            p.addCapped(VmdkCodes.GT_GRAIN_DUPLICATE, f, at, 4, what + " points to sector " + e + ", which another"
                    + " entry already uses: a guest write to one of the two guest areas changes the other");
            return;
        }
        seen.set(slot);
        if (size > 0) {
            addSpan(e, len);
            if (inflate) inflate(e, lba, what);
        }
    }

    /**
     * The 14 marker bytes at {@code at} (12 when the file ends first), from a window read ahead: compressed grains
     * follow each other in the file in the order the walk visits them, so one read serves many small grains.
     */
    private ByteBuffer markerBytes(long at) throws IOException {
        int want = (int) Math.min(14, src.size() - at);
        if (at < windowStart || at + want > windowStart + window.limit()) {
            window.clear().limit((int) Math.min(window.capacity(), src.size() - at));
            src.readFully(at, window);
            window.flip();
            windowStart = at;
        }
        return window.slice((int) (at - windowStart), want);
    }

    private void inflate(long e, long lba, String what) throws IOException {
        if (inflating == null) {
            inflating = new StreamMarkers.Inflating(l.grainBytes());
            grain = new byte[(int) l.grainBytes()];
        }
        try {
            inflating.inflate(src, e * 512, lba, grain);
        } catch (StreamMarkers.BadGrain bad) {
            p.addCapped(VmdkCodes.STREAM_GRAIN_INVALID, f, e * 512, StreamMarkers.GRAIN_MARKER, what + ": "
                    + bad.getMessage());
        }
    }

    /** True when an uncompressed grain at {@code e} (past the overhead) does not start on the grain grid. */
    private boolean offGrid(long e) {
        long overhead = l.header().overhead();
        return overhead > 0 && e >= overhead && (e - overhead) % l.header().grainSize() != 0;
    }

    private void addSpan(long e, long sectors) {
        if (spanCount == MAX_SPANS) return; // past 512 GiB of 64 KiB grains, later grains go unpaired (64 MiB)
        if (spanCount == spans.length) {
            // grows with the grains found, each of which holds a distinct sector of the file: bounded by its size
            spans = Arrays.copyOf(spans, (int) Math.min(MAX_SPANS, Math.max(1024, spans.length * 2L)));
        }
        // sectors: a grain of at most 16 MiB is inflated; larger ones (up to 1 GiB) still stay below 2^24 sectors
        spans[spanCount++] = e << 24 | Math.min(sectors, SPAN_MASK);
    }

    /** Compressed grains sorted by sector: each must end before the next begins. */
    private void overlappingGrains(Monitor monitor) {
        long[] s = spans;
        Arrays.sort(s, 0, spanCount);
        for (int i = 1; i < spanCount; i++) {
            if ((i & 4095) == 0) monitor.checkpoint();
            long prev = s[i - 1] >>> 24;
            long prevLen = s[i - 1] & SPAN_MASK;
            long cur = s[i] >>> 24;
            if (prev + prevLen > cur) {
                p.addCapped(VmdkCodes.STREAM_GRAINS_OVERLAP, f, prev * 512 + 8, 4, "the compressed grain at sector "
                        + prev + " gives a size that makes it " + prevLen + " sectors long, so it runs into the grain"
                        + " at sector " + cur + ": one of the two markers (or the grain table entry naming the"
                        + " second) is damaged, and at least one grain's data is lost");
            }
        }
    }

    private boolean overlapsMetadata(long start, long len) {
        long overhead = l.header().overhead();
        if (overhead > 0 && overhead <= fileSectors && start < overhead) return true;
        for (long[] r : fixed) {
            if (r[1] > 0 && start < r[0] + r[1] && r[0] < start + len) return true;
        }
        // in a VMware-style stream a metadata marker sector precedes each grain table and the directory
        long marker = markers ? 1 : 0;
        int i = Arrays.binarySearch(gtStarts, start + len - 1 + marker);
        int le = i >= 0 ? i : -i - 2; // last table whose marker starts at or before the grain's last sector
        return le >= 0 && gtStarts[le] + gtSectors > start;
    }
}
