// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import static org.vdiskdoctor.format.vmdk.internal.Problems.dec;
import static org.vdiskdoctor.format.vmdk.internal.Problems.hex;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.format.vmdk.VmdkCodes;

/**
 * Where a hosted sparse extent's tables lie, after its header was judged: the header that applies (the footer's
 * copy when the header says the grain directory is at the end), grain and table sizes and the directory offsets,
 * every one bounded by the file. {@link #of} reports what is wrong and returns null when the tables cannot be
 * located, so nothing is read from an unchecked field.
 */
record SparseLayout(SparseHeader header, SparseHeader footer, long grainBytes, int gtEntries, long gdEntries,
        long gdOffset, long rgdOffset) {

    /** The most grain tables accepted: 2^20 tables of 512 grains of 64 KiB map 32 TiB. */
    static final long MAX_GD_ENTRIES = 1L << 20;
    static final long MAX_GRAIN_SECTORS = 1L << 21;
    /** Footer marker, footer header and end-of-stream marker: the last three sectors of a VMware stream. */
    static final int FOOTER_TAIL = 3 * 512;

    long gtBytes() {
        return gtEntries * 4L;
    }

    /** Guest sectors one grain table maps. */
    long gtCoverage() {
        return gtEntries * header.grainSize();
    }

    /** The header fields that apply: the footer's when there is one. */
    SparseHeader effective() {
        return footer != null ? footer : header;
    }

    /**
     * Judges {@code h} (read at offset 0 of {@code src}); returns null (with findings) when the grain directory
     * cannot be located. {@code stream} says the descriptor calls the extent streamOptimized.
     */
    static SparseLayout of(SparseHeader h, ImageSource src, boolean stream, Problems p) throws IOException {
        var f = src.path();
        boolean ok = true;
        if (h.version() < 1 || h.version() > 3) {
            p.add(VmdkCodes.HEADER_UNSUPPORTED_VERSION, f, SparseHeader.OFF_VERSION, 4, "the sparse header has version "
                    + h.version() + "; VMware and QEMU know 1, 2 and 3 (QEMU: 'Unsupported VMDK version "
                    + h.version() + "'), so nothing else in the header was interpreted");
            return null;
        }
        if (h.flag(SparseHeader.FLAG_NEWLINE_TEST) && !h.newlineIntact()) {
            p.add(VmdkCodes.HEADER_NEWLINE_CORRUPTED, f, SparseHeader.OFF_NEWLINE, 4, String.format(
                    "the newline-detection bytes are %02x %02x %02x %02x instead of 0a 20 0d 0a: the file went"
                    + " through an ASCII-mode transfer (FTP) that rewrote line ends, which also damaged grain data"
                    + " and tables; copy it again in binary mode", h.newline()[0] & 0xff, h.newline()[1] & 0xff,
                    h.newline()[2] & 0xff, h.newline()[3] & 0xff));
        }
        long g = h.grainSize();
        if (g < 8 || g > MAX_GRAIN_SECTORS || Long.bitCount(g) != 1) {
            p.add(VmdkCodes.HEADER_GRAIN_SIZE_INVALID, f, SparseHeader.OFF_GRAIN_SIZE, 8, "grainSize is " + dec(g)
                    + " sectors; it must be a power of two from 8 to " + MAX_GRAIN_SECTORS + " (default 128)");
            ok = false;
        }
        long n = h.numGTEsPerGT();
        if (n != 512) {
            p.add(VmdkCodes.HEADER_GTES_PER_GT_INVALID, f, SparseHeader.OFF_GTES_PER_GT, 4, "numGTEsPerGT is " + n
                    + "; every VMware tool writes and expects 512 (QEMU accepts 1 to 512)");
            if (n < 1 || n > 512) ok = false;
        }
        if (h.uncleanShutdown() != 0) {
            p.add(VmdkCodes.HEADER_UNCLEAN_SHUTDOWN, f, SparseHeader.OFF_UNCLEAN, 1, "uncleanShutdown is "
                    + h.uncleanShutdown() + ": the disk was not closed cleanly (the VM crashed, the host lost power,"
                    + " or the disk is open in a running VM right now)");
        }
        if (h.compressAlgorithm() > 1) {
            p.add(VmdkCodes.HEADER_COMPRESSION_UNKNOWN, f, SparseHeader.OFF_COMPRESS, 2, "compressAlgorithm is "
                    + h.compressAlgorithm() + "; only 0 (none) and 1 (deflate) exist, so compressed grains cannot"
                    + " be read");
            if (h.compressed()) ok = false;
        }
        if ((stream || h.markers()) && h.version() < 3) {
            p.add(VmdkCodes.STREAM_VERSION_TOO_OLD, f, SparseHeader.OFF_VERSION, 4, "a streamOptimized extent with"
                    + " sparse version " + h.version() + "; ESXi refuses it ('sparse VMDK version too old'), only"
                    + " version 3 is imported");
        }
        if (!ok) return null;
        SparseHeader footer = null;
        long gd = h.gdOffset();
        if (gd == SparseHeader.GD_AT_END) {
            footer = footer(src, p);
            if (footer == null) return null;
            gd = footer.gdOffset();
        }
        long coverage = n * g;
        long cap = h.capacity();
        long gdEntries = cap <= 0 ? 0 : (cap - 1) / coverage + 1;
        if (cap < 0 || gdEntries > MAX_GD_ENTRIES) {
            p.add(VmdkCodes.HEADER_CAPACITY_INVALID, f, SparseHeader.OFF_CAPACITY, 8, "capacity is " + dec(cap)
                    + " sectors, which needs " + dec(gdEntries) + " grain tables; more than " + MAX_GD_ENTRIES
                    + " (32 TiB at the default grain) is no disk any tool writes");
            return null;
        }
        long gdBytes = gdEntries * 4;
        if (!tableInFile(gd, gdBytes, src)) {
            p.add(VmdkCodes.GD_OFFSET_INVALID, f, footer != null ? src.size() - 1024 + SparseHeader.OFF_GD
                    : SparseHeader.OFF_GD, 8, "the grain directory at sector " + dec(gd) + " (" + gdBytes
                    + " bytes) does not lie in the file of " + src.size() + " bytes; no grain can be located");
            return null;
        }
        long rgd = 0;
        if (h.flag(SparseHeader.FLAG_REDUNDANT_GT)) {
            rgd = (footer != null ? footer : h).rgdOffset();
            if (!tableInFile(rgd, gdBytes, src)) {
                p.add(VmdkCodes.GD_OFFSET_INVALID, f, SparseHeader.OFF_RGD, 8, "the redundant grain directory at"
                        + " sector " + dec(rgd) + " (" + gdBytes + " bytes) does not lie in the file of "
                        + src.size() + " bytes; the primary tables are used without their copy");
                rgd = 0;
            }
        }
        return new SparseLayout(h, footer, g * 512, (int) n, gdEntries, gd, rgd);
    }

    private static boolean tableInFile(long sector, long bytes, ImageSource src) {
        return sector >= 1 && sector <= src.size() / 512 && src.contains(sector * 512, bytes);
    }

    /** The footer header at EOF-1024, when the footer marker before it and the header itself are valid. */
    private static SparseHeader footer(ImageSource src, Problems p) throws IOException {
        var f = src.path();
        long size = src.size();
        if (size < SparseHeader.SIZE + FOOTER_TAIL) {
            p.add(VmdkCodes.STREAM_FOOTER_INVALID, f, SparseHeader.OFF_GD, 8, "gdOffset says the grain directory"
                    + " is at the end of the stream, but the file of " + size + " bytes is too short for a footer");
            return null;
        }
        long at = size - 1024;
        ByteBuffer marker = src.read(size - FOOTER_TAIL, 16).order(ByteOrder.LITTLE_ENDIAN);
        int type = marker.getInt(12);
        SparseHeader foot = SparseHeader.read(src, at);
        String why = null;
        if (marker.getInt(8) != 0 || type != StreamMarkers.TYPE_FOOTER) {
            why = "the sector at " + hex(size - FOOTER_TAIL) + " is no footer marker (type " + type + ")";
        } else if (foot.magic() != SparseHeader.MAGIC) {
            why = "the footer at " + hex(at) + " does not start with KDMV";
        } else if (foot.gdOffset() == SparseHeader.GD_AT_END) {
            why = "the footer's gdOffset also says 'at the end'";
        }
        if (why != null) {
            p.add(VmdkCodes.STREAM_FOOTER_INVALID, f, size - FOOTER_TAIL, FOOTER_TAIL, "gdOffset says the grain"
                    + " directory is at the end of the stream, but " + why + "; the stream was cut short or its end"
                    + " overwritten, and no grain can be located");
            return null;
        }
        return foot;
    }
}
