// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.format.vhdx.VhdxCodes;

/**
 * Both region tables, which one is used, and the checks on its regions: known GUIDs, Required flags, 1 MiB
 * alignment, bounds and overlaps. The BAT and the metadata region are taken from the table that is used.
 */
record Regions(RegionTable first, RegionTable second, RegionTable used, RegionTable.Entry bat,
        RegionTable.Entry metadata) {

    static final long TABLE1 = 192 * 1024;
    static final long TABLE2 = 256 * 1024;
    static final long MIB = 1 << 20;

    static Regions read(ImageSource src, Problems p) throws IOException {
        RegionTable t1 = RegionTable.parse(1, TABLE1, readOrNull(src, TABLE1));
        RegionTable t2 = RegionTable.parse(2, TABLE2, readOrNull(src, TABLE2));
        RegionTable used;
        if (!t1.valid() && !t2.valid()) {
            p.add(VhdxCodes.REGION_BOTH_INVALID, TABLE1, 2L * RegionTable.SIZE, "neither region table is valid:"
                    + " table 1 (at " + Problems.hex(TABLE1) + "): " + t1.problem() + "; table 2 (at "
                    + Problems.hex(TABLE2) + "): " + t2.problem());
            return new Regions(t1, t2, null, null, null);
        } else if (t1.valid() != t2.valid()) {
            RegionTable bad = t1.valid() ? t2 : t1;
            used = t1.valid() ? t1 : t2;
            // QEMU reads only table 1: a bad table 1 stops it, a bad table 2 goes unnoticed (Hyper-V uses either)
            boolean qemuRefuses = bad.index() == 1;
            p.add(VhdxCodes.REGION_TABLE_INVALID, qemuRefuses ? Severity.ERROR : Severity.WARNING, bad.offset(),
                    RegionTable.SIZE, "region table " + bad.index() + " (at " + Problems.hex(bad.offset())
                            + ") is invalid: " + bad.problem() + "; table " + used.index() + " is used"
                            + (qemuRefuses ? ", but QEMU reads only table 1 and refuses the image" : ""));
        } else {
            used = t1;
            if (!t1.sameEntries(t2)) {
                p.add(VhdxCodes.REGION_TABLES_DIFFER, TABLE1, 2L * RegionTable.SIZE, "both region tables are valid"
                        + " but list different regions (table 1: " + t1.entries().size() + " entries, table 2: "
                        + t2.entries().size() + "); table 1 is used");
            }
        }
        checkEntries(used, src.size(), p);
        RegionTable.Entry bat = used.find(Guid.BAT);
        RegionTable.Entry meta = used.find(Guid.METADATA);
        if (bat == null || meta == null) {
            p.add(VhdxCodes.REGION_MISSING, used.offset(), RegionTable.SIZE, "region table " + used.index()
                    + " has no " + (bat == null ? "BAT " + Guid.BAT : "") + (bat == null && meta == null ? " and no "
                            : "") + (meta == null ? "metadata region " + Guid.METADATA : ""));
        }
        return new Regions(t1, t2, used, usable(bat, src.size()) ? bat : null, usable(meta, src.size()) ? meta : null);
    }

    /** A region that lies inside the file past the fixed 1 MiB can be read. */
    static boolean usable(RegionTable.Entry e, long fileSize) {
        return e != null && e.fileOffset() >= MIB && e.length() > 0 && e.fileOffset() <= fileSize
                && e.length() <= fileSize - e.fileOffset();
    }

    private static void checkEntries(RegionTable t, long fileSize, Problems p) {
        List<RegionTable.Entry> es = t.entries();
        for (RegionTable.Entry e : es) {
            if (!e.known() && e.required()) {
                p.add(VhdxCodes.REGION_UNKNOWN_REQUIRED, e.at(), RegionTable.ENTRY, e.name() + " is marked Required"
                        + " but is not a region this reader (or Hyper-V) knows: the image must not be opened");
            }
            String bad = rangeProblem(e, fileSize);
            if (bad != null) {
                p.add(bad.contains("past the end") ? VhdxCodes.FILE_TRUNCATED : VhdxCodes.REGION_BAD_RANGE, e.at(),
                        RegionTable.ENTRY, e.name() + " at " + Problems.hex(e.fileOffset()) + "+" + e.length() + " "
                                + bad);
            }
        }
        for (int i = 0; i < es.size(); i++) {
            for (int j = i + 1; j < es.size(); j++) {
                RegionTable.Entry a = es.get(i);
                RegionTable.Entry b = es.get(j);
                if (overlaps(a.fileOffset(), a.length(), b.fileOffset(), b.length())) {
                    p.add(VhdxCodes.REGION_BAD_RANGE, b.at(), RegionTable.ENTRY, a.name() + " and " + b.name()
                            + " overlap (" + Problems.hex(a.fileOffset()) + "+" + a.length() + " and "
                            + Problems.hex(b.fileOffset()) + "+" + b.length() + ")");
                }
            }
        }
    }

    private static String rangeProblem(RegionTable.Entry e, long fileSize) {
        if (e.fileOffset() % MIB != 0 || e.length() % MIB != 0 || e.length() == 0) {
            return "is not a non-empty whole number of 1 MiB units at a 1 MiB boundary";
        }
        if (e.fileOffset() < MIB) return "lies in the first 1 MiB (identifier, headers and region tables)";
        if (Long.compareUnsigned(e.fileOffset(), fileSize) > 0 || e.length() > fileSize - e.fileOffset()) {
            return "reaches past the end of the file (" + fileSize + " bytes)";
        }
        return null;
    }

    static boolean overlaps(long a, long alen, long b, long blen) {
        return alen > 0 && blen > 0 && a >= 0 && b >= 0 && a < b + blen && b < a + alen;
    }

    private static ByteBuffer readOrNull(ImageSource src, long at) throws IOException {
        return src.contains(at, RegionTable.SIZE) ? src.read(at, RegionTable.SIZE) : null;
    }
}
