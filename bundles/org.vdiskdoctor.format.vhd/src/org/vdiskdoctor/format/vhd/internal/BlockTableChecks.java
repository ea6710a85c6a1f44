// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.format.vhd.VhdCodes;

/**
 * Walks every BAT entry: blocks past the footer, two entries naming the same sector, blocks overlapping each other or
 * the footer copy, the dynamic header, the table itself or the footer. Unlike QEMU, which has no check for VHD at
 * all, every bad entry is counted; the first {@link Problems#CAP} of each kind are reported one by one.
 */
final class BlockTableChecks {

    private BlockTableChecks() {
    }

    /** Most allocated blocks compared for overlaps (32 MiB of keys): 8 TiB of 2 MiB blocks. */
    static final int MAX_TRACKED = 4 << 20;

    /** A metadata range blocks must not overlap. */
    record Region(String name, long start, long length) {
    }

    static void check(BlockTable t, List<Region> metadata, Problems p, Monitor monitor) throws IOException {
        long[] keys = new long[(int) Math.min(MAX_TRACKED, Math.min(t.entries(), 1024))];
        int n = 0;
        long blockBytes = t.bitmapBytes() + t.blockSize();
        for (long first = 0; first < t.entries(); first += BlockTable.CHUNK) {
            monitor.checkpoint();
            int count = (int) Math.min(BlockTable.CHUNK, t.entries() - first);
            ByteBuffer chunk = t.chunk(first, count);
            for (int k = 0; k < count; k++) {
                long i = first + k;
                long sector = Integer.toUnsignedLong(chunk.getInt());
                if (sector == BlockTable.UNUSED) continue;
                if (!t.fits(sector)) {
                    p.addCapped(VhdCodes.BAT_BLOCK_BEYOND_EOF, t.offset() + 4 * i, 4, where(t, i, sector) + ": the block"
                            + " (" + blockBytes + " bytes with its bitmap) does not end before the footer at "
                            + Problems.hex(t.footerOffset()) + "; QEMU reads what is missing as an I/O error");
                    continue;
                }
                for (Region r : metadata) {
                    if (overlaps(sector * 512, blockBytes, r.start(), r.length())) {
                        p.addCapped(VhdCodes.BAT_BLOCK_OVERLAP, t.offset() + 4 * i, 4, where(t, i, sector)
                                + ": the block overlaps the " + r.name() + " at " + Problems.hex(r.start())
                                + ", so guest writes there destroy it (or it is read as guest data)");
                    }
                }
                if (n < MAX_TRACKED) {
                    if (n == keys.length) keys = Arrays.copyOf(keys, (int) Math.min(MAX_TRACKED, 2L * n));
                    // sector in the high half, index in the low half; the sign flip makes signed order unsigned
                    keys[n++] = ((sector << 32) | i) ^ Long.MIN_VALUE;
                }
            }
        }
        pairs(t, keys, n, blockBytes, p, monitor);
        p.summarise("BAT", t.offset(), t.entries() * 4);
    }

    /** Sorted by sector; all blocks have one length, so each needs comparing with the one before it only. */
    private static void pairs(BlockTable t, long[] keys, int n, long blockBytes, Problems p, Monitor monitor) {
        Arrays.sort(keys, 0, n);
        long prevSector = -1;
        long prevIndex = -1;
        for (int k = 0; k < n; k++) {
            if ((k & 0xffff) == 0) monitor.checkpoint();
            long key = keys[k] ^ Long.MIN_VALUE;
            long sector = key >>> 32;
            long i = key & 0xffff_ffffL;
            if (prevIndex >= 0 && sector == prevSector) {
                p.addCapped(VhdCodes.BAT_DUPLICATE_ENTRY, t.offset() + 4 * i, 4, where(t, i, sector) + ", the same"
                        + " sector as entry " + prevIndex + ": two guest blocks share one place in the file, a write"
                        + " to either changes both");
                continue;
            }
            if (prevIndex >= 0 && overlaps(sector * 512, blockBytes, prevSector * 512, blockBytes)) {
                p.addCapped(VhdCodes.BAT_BLOCK_OVERLAP, t.offset() + 4 * i, 4, where(t, i, sector) + ": the block"
                        + " overlaps the block of entry " + prevIndex + " (sector " + prevSector + ")");
            }
            prevSector = sector;
            prevIndex = i;
        }
    }

    private static boolean overlaps(long a, long alen, long b, long blen) {
        return a < b + blen && b < a + alen;
    }

    private static String where(BlockTable t, long i, long sector) {
        long guest = i * t.blockSize();
        return "BAT entry " + i + " (guest bytes " + guest + "–" + (guest + t.blockSize() - 1) + ") points to sector "
                + sector + " (file offset " + Problems.hex(sector * 512) + ")";
    }
}
