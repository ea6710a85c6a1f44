// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.format.vhdx.VhdxCodes;

/**
 * Everything located when a VHDX image is opened, parsed bounds first: the file type identifier, both headers, both
 * region tables, the metadata items, the parent locator and the BAT. Later parts are null when an earlier one is
 * too damaged to locate them (the findings say why).
 */
record VhdxLayout(ImageSource source, boolean identifierValid, String creator, HeaderPair headers, Regions regions,
        MetadataTable metadata, DiskParameters params, ParentLocator parent, Bat bat, boolean logRangeValid) {

    static final long FIXED_AREA = 1 << 20;
    static final byte[] SIGNATURE = "vhdxfile".getBytes(StandardCharsets.US_ASCII);

    static VhdxLayout open(ImageSource src, Problems p) throws IOException {
        boolean idOk = false;
        String creator = "";
        if (src.contains(0, 520)) {
            ByteBuffer b = src.read(0, 520);
            idOk = true;
            for (int i = 0; i < 8; i++) idOk &= b.get(i) == SIGNATURE[i];
            byte[] c = new byte[512];
            b.get(8, c);
            creator = new String(c, StandardCharsets.UTF_16LE);
            int nul = creator.indexOf('\0');
            if (nul >= 0) creator = creator.substring(0, nul);
        }
        if (!idOk) {
            p.add(VhdxCodes.IDENTIFIER_BAD_SIGNATURE, 0, 8, "the file does not start with the VHDX file type"
                    + " identifier \"vhdxfile\"");
        }
        if (!src.contains(0, Regions.TABLE2 + RegionTable.SIZE)) {
            p.add(VhdxCodes.FILE_TRUNCATED, 0, src.size(), "the file is " + src.size() + " bytes; a VHDX needs at"
                    + " least 320 KiB for its identifier, two headers and two region tables (1 MiB with them)");
        }
        HeaderPair hp = HeaderPair.read(src, p);
        Regions rg = Regions.read(src, p);
        boolean logOk = hp.current() != null && checkLogRange(hp.current(), rg, src.size(), p);
        MetadataTable mt = rg.metadata() == null ? null : MetadataTable.read(src, rg.metadata(), p);
        DiskParameters dp = mt == null ? null : DiskParameters.read(src, mt, p);
        ParentLocator pl = dp != null && dp.hasParent() ? ParentLocator.read(src, mt, p) : null;
        Bat bat = dp != null && dp.usable() && rg.bat() != null ? new Bat(src, rg.bat(), dp.chunkRatio()) : null;
        return new VhdxLayout(src, idOk, creator, hp, rg, mt, dp, pl, bat, logOk);
    }

    private static boolean checkLogRange(VhdxHeader h, Regions rg, long fileSize, Problems p) {
        long off = h.logOffset();
        long len = h.logLength();
        String bad = null;
        if (off % FIXED_AREA != 0 || len % FIXED_AREA != 0) {
            bad = "are not multiples of 1 MiB";
        } else if (len == 0) {
            bad = h.logGuid().isZero() ? null : "describe an empty log, yet LogGuid is set";
            if (bad == null) return false;
        } else if (off < FIXED_AREA) {
            bad = "put the log inside the first 1 MiB";
        } else if (Long.compareUnsigned(off, fileSize) > 0 || len > fileSize - off) {
            bad = "reach past the end of the file (" + fileSize + " bytes)";
        } else if (rg.used() != null) {
            for (RegionTable.Entry e : rg.used().entries()) {
                if (Regions.overlaps(off, len, e.fileOffset(), e.length())) bad = "overlap the " + e.name();
            }
        }
        if (bad == null) return true;
        p.add(VhdxCodes.HEADER_LOG_RANGE, h.offset() + VhdxHeader.OFF_LOG_LENGTH, 12, "header " + h.index()
                + "'s LogOffset " + Problems.hex(off) + " and LogLength " + len + " " + bad);
        return false;
    }

    /** The name of the fixed structure that {@code [off, off+len)} overlaps, or null. */
    String fixedAreaAt(long off, long len) {
        if (Regions.overlaps(off, len, 0, FIXED_AREA)) return "the first 1 MiB (headers and region tables)";
        VhdxHeader h = headers.current();
        if (logRangeValid && Regions.overlaps(off, len, h.logOffset(), h.logLength())) return "the log";
        if (regions.used() != null) {
            for (RegionTable.Entry e : regions.used().entries()) {
                if (Regions.overlaps(off, len, e.fileOffset(), e.length())) return "the " + e.name() + " region";
            }
        }
        return null;
    }

    /** Guest sectors can be mapped: parameters valid and a readable BAT. */
    boolean mappable() {
        return bat != null;
    }
}
