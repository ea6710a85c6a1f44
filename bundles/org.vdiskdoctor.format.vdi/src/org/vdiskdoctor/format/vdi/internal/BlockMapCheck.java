// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import static org.vdiskdoctor.format.vdi.internal.Problems.hex;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.format.vdi.VdiCodes;

/**
 * The walk over the whole block map, read in bounded chunks: every entry that points at a data block index at or
 * above the allocated count, past the end of the file, or at a data block another entry already uses is reported
 * (the first {@value #LIMIT} of each kind one by one, then a summary with the total), and the allocated entries are
 * counted against the header. Memory stays bounded by the file: the set of used data blocks only holds indices whose
 * data lies inside the file.
 */
final class BlockMapCheck {

    static final int LIMIT = 20;
    /** Entries per read: 256 KiB. */
    static final int CHUNK = 64 * 1024;
    /** Largest first-user array (64 MiB): a 64 TiB disk in 1 MiB blocks. */
    static final long MAX_OWNERS = 16L << 20;

    /** What the walk counted. */
    record Counts(long free, long zero, long allocated, long valid) {
    }

    private final Layout layout;
    private final ImageSource source;
    private final Problems problems;
    private final Map<FindingCode, long[]> tallies = new LinkedHashMap<>();

    private BlockMapCheck(Layout layout, ImageSource source, Problems problems) {
        this.layout = layout;
        this.source = source;
        this.problems = problems;
    }

    /** Walks the map of {@code layout} (which {@link HeaderChecks} placed inside the file) and reports. */
    static Counts run(Layout layout, ImageSource source, Problems problems, Monitor monitor) throws IOException {
        return new BlockMapCheck(layout, source, problems).walk(monitor);
    }

    /** Counts the entries by kind without judging them (for describe). */
    static Counts count(Layout layout, ImageSource source, Monitor monitor) throws IOException {
        return new BlockMapCheck(layout, source, new Problems(source.path())).walk(monitor);
    }

    private Counts walk(Monitor monitor) throws IOException {
        long free = 0;
        long zero = 0;
        long allocated = 0;
        long valid = 0;
        BitSet used = new BitSet();
        long fileSize = source.size();
        // who used a data block first, to name both sides of a duplicate; only when that array is small
        long inFile = Math.min(layout.allocated(), Math.max(0, fileSize - layout.offData()) / layout.totalBlock());
        int[] owners = inFile <= MAX_OWNERS ? new int[(int) inFile] : null;
        for (long start = 0; start < layout.entries(); start += CHUNK) {
            monitor.checkpoint();
            int n = (int) Math.min(CHUNK, layout.entries() - start);
            ByteBuffer b = source.read(layout.entryOffset(start), 4 * n).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < n; k++) {
                long block = start + k;
                int e = b.getInt();
                if (e == Layout.FREE) {
                    free++;
                    continue;
                }
                if (e == Layout.ZERO) {
                    zero++;
                    continue;
                }
                long index = Integer.toUnsignedLong(e);
                long at = layout.entryOffset(block);
                if (index >= layout.allocated()) {
                    report(VdiCodes.BMAP_INDEX_OUT_OF_RANGE, at, "block " + block + " (guest byte "
                            + block * layout.blockSize() + ") points at data block " + index + ", but only "
                            + layout.allocated() + " blocks are allocated");
                    continue;
                }
                allocated++;
                long data = layout.dataOffset(index);
                if (data + layout.blockSize() > fileSize) {
                    report(VdiCodes.BMAP_DATA_PAST_EOF, at, "block " + block + " (guest byte "
                            + block * layout.blockSize() + ") has its data in data block " + index + " at "
                            + hex(data) + ", past the end of the file (" + fileSize + " bytes)");
                    continue;
                }
                // index < fileSize / blockSize here, so the bit set stays within a fraction of the file size
                if (used.get((int) index)) {
                    String other = owners != null ? "block " + Integer.toUnsignedString(owners[(int) index])
                            : "an earlier block";
                    report(VdiCodes.BMAP_DUPLICATE, at, "block " + block + " and " + other + " both point at"
                            + " data block " + index + " (" + hex(data) + "): writing one changes the other");
                    continue;
                }
                used.set((int) index);
                if (owners != null) owners[(int) index] = (int) block;
                valid++;
            }
        }
        for (Map.Entry<FindingCode, long[]> t : tallies.entrySet()) {
            long[] v = t.getValue();
            if (v[0] > LIMIT) {
                problems.add(t.getKey(), v[1], 4, v[0] + " block map entries in total have this problem; only the"
                        + " first " + LIMIT + " are listed one by one");
            }
        }
        if (allocated != layout.allocated()) {
            problems.add(VdiCodes.BMAP_ALLOCATED_MISMATCH, VdiHeader.OFF_BLOCKS_ALLOCATED, 4, "the header says "
                    + layout.allocated() + " blocks are allocated, but the block map has " + allocated
                    + " entries pointing at allocated blocks");
        }
        return new Counts(free, zero, allocated, valid);
    }

    private void report(FindingCode code, long at, String message) {
        long[] t = tallies.computeIfAbsent(code, c -> new long[] { 0, at });
        if (++t[0] <= LIMIT) problems.add(code, at, 4, message);
    }
}
