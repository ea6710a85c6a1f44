// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.io.IOException;
import java.util.BitSet;

import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.format.vhdx.VhdxCodes;

/**
 * Walks every BAT entry the metadata requires: states allowed for the entry's kind and the image type, offsets
 * inside the file and outside the fixed structures (first 1 MiB, log, BAT, metadata), and no two blocks sharing a
 * MiB of the file. Unlike {@code qemu-img check}, which stops at the first bad entry it meets on read, every bad
 * entry is counted; the first {@value Problems#CAP} of each kind are reported one by one.
 */
final class BatCheck {

    /** Entries per state, for {@code describe}. */
    record Summary(long required, long walked, long[] payloadStates, long bitmapsPresent) {
    }

    /** Files above this many MiB (128 TiB) are not checked for overlapping blocks, to bound the bitmap. */
    private static final long MAX_TRACKED_MIB = 1L << 27;

    private BatCheck() {
    }

    /** Checks the BAT; the fixed areas are pairs {offset, length, name-index} listed by {@link VhdxLayout}. */
    static Summary run(VhdxLayout l, Problems p, Monitor monitor) throws IOException {
        Bat bat = l.bat();
        DiskParameters d = l.params();
        long required = d.batEntries();
        long walk = Math.min(required, bat.readableEntries());
        if (bat.readableEntries() < required) {
            p.add(VhdxCodes.BAT_TOO_SMALL, l.regions().bat().at(), RegionTable.ENTRY, "the BAT holds "
                    + bat.readableEntries() + " entries (region of " + l.regions().bat().length() + " bytes"
                    + (l.regions().bat().length() / 8 > bat.readableEntries() ? ", cut short by the end of the file"
                            : "") + ") but a " + d.virtualSize() + "-byte disk of " + d.blockSize()
                    + "-byte blocks needs " + required + "; the rest read as not present");
        }
        long fileMib = (l.source().size() + Regions.MIB - 1) / Regions.MIB;
        BitSet used = fileMib <= MAX_TRACKED_MIB ? new BitSet((int) fileMib) : null;
        long[] states = new long[8];
        long bitmaps = 0;
        boolean partialInChunk = false; // a chunk's sector-bitmap entry follows its payload entries
        for (long i = 0; i < walk; i++) {
            if ((i & 0xfff) == 0) monitor.checkpoint();
            long e = bat.entry(i);
            int s = Bat.state(e);
            boolean sb = bat.isBitmapIndex(i);
            if (sb) {
                if (s == Bat.SB_PRESENT) bitmaps++;
                if (partialInChunk && s != Bat.SB_PRESENT && d.hasParent()) {
                    p.capped(VhdxCodes.BAT_BAD_STATE, bat.entryAt(i), 8, "BAT entry " + i + " (" + what(bat, i)
                            + ") is " + Bat.stateName(s, true) + " but its chunk has PARTIALLY_PRESENT blocks,"
                            + " which need the sector bitmap");
                }
                partialInChunk = false;
            } else {
                states[s]++;
                partialInChunk |= s == Bat.PARTIALLY_PRESENT;
            }
            boolean allowed = sb ? s == 0 || (s == Bat.SB_PRESENT && d.hasParent())
                    : s <= Bat.UNMAPPED || s == Bat.FULLY_PRESENT || (s == Bat.PARTIALLY_PRESENT && d.hasParent());
            if (!allowed) {
                p.capped(VhdxCodes.BAT_BAD_STATE, bat.entryAt(i), 8, "BAT entry " + i + " (" + what(bat, i)
                        + ") has " + Bat.stateName(s, sb) + (s == Bat.PARTIALLY_PRESENT || sb ? ", which only a"
                                + " differencing image may use" : ", which the specification does not define"));
                continue;
            }
            boolean present = sb ? s == Bat.SB_PRESENT : s == Bat.FULLY_PRESENT || s == Bat.PARTIALLY_PRESENT;
            if (present) checkOffset(l, bat, i, e, sb ? Regions.MIB : d.blockSize(), used, p);
        }
        for (var code : new org.vdiskdoctor.core.FindingCode[] { VhdxCodes.BAT_BAD_STATE, VhdxCodes.BAT_PAST_EOF,
                VhdxCodes.BAT_BAD_OFFSET, VhdxCodes.BAT_OVERLAP }) {
            long n = p.count(code);
            if (n > Problems.CAP) {
                p.add(VhdxCodes.BAT_MORE_BAD, bat.fileOffset(), walk * 8, n + " BAT entries have " + code + "; the"
                        + " first " + Problems.CAP + " are reported one by one");
            }
        }
        return new Summary(required, walk, states, bitmaps);
    }

    private static String what(Bat bat, long i) {
        if (bat.isBitmapIndex(i)) return "sector bitmap of chunk " + i / (bat.chunkRatio() + 1);
        return "payload block " + (i - i / (bat.chunkRatio() + 1));
    }

    private static void checkOffset(VhdxLayout l, Bat bat, long i, long e, long length, BitSet used, Problems p) {
        long off = Bat.fileOffsetOf(e);
        long size = l.source().size();
        String label = "BAT entry " + i + " (" + what(bat, i) + ")";
        if (off == 0) {
            p.capped(VhdxCodes.BAT_BAD_OFFSET, bat.entryAt(i), 8, label + " is present but its FileOffsetMB is 0");
            return;
        }
        if (off < 0 || off > size || length > size - off) {
            p.capped(VhdxCodes.BAT_PAST_EOF, bat.entryAt(i), 8, label + " points at " + Problems.hex(off) + "+"
                    + length + ", past the end of the file (" + size + " bytes)");
            return;
        }
        String fixed = l.fixedAreaAt(off, length);
        if (fixed != null) {
            p.capped(VhdxCodes.BAT_BAD_OFFSET, bat.entryAt(i), 8, label + " points at " + Problems.hex(off) + "+"
                    + length + ", inside " + fixed);
            return;
        }
        if (used == null) return;
        int firstMib = (int) (off / Regions.MIB);
        int mibs = (int) ((length + Regions.MIB - 1) / Regions.MIB);
        int clash = used.nextSetBit(firstMib);
        if (clash >= 0 && clash < firstMib + mibs) {
            p.capped(VhdxCodes.BAT_OVERLAP, bat.entryAt(i), 8, label + " at " + Problems.hex(off) + "+" + length
                    + " overlaps a block an earlier entry points at (MiB " + clash + " of the file)");
        }
        used.set(firstMib, firstMib + mibs);
    }
}
