// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/**
 * Persistent dirty bitmaps: the bitmaps extension (0x23852875: nb_bitmaps u32, reserved u32,
 * bitmap_directory_size u64, bitmap_directory_offset u64) points at the bitmap directory, whose entries
 * (bitmap_table_offset u64, bitmap_table_size u32, flags u32, type u8, granularity_bits u8, name_size u16,
 * extra_data_size u32, extra data, name, padded to 8) point at bitmap tables of u64 entries, each a data cluster.
 * All of it is counted as QEMU's {@code qcow2_check_bitmaps_refcounts} does. QEMU ignores the extension when
 * autoclear bit 0 is clear (a program without bitmap support wrote the image), and so does this check.
 */
final class BitmapDirectory {

    static final long MAX_BITMAPS = 65535;
    static final long MAX_DIRECTORY = 1024 * MAX_BITMAPS;
    static final long MAX_TABLE_ENTRIES = 0x800_0000L;
    static final int ENTRY_HEADER = 24;

    private BitmapDirectory() {
    }

    static void walk(CheckContext cx, Qcow2Header h, HeaderExtensions ext) throws IOException {
        HeaderExtensions.Extension e = ext.find(HeaderExtensions.BITMAPS);
        if (e == null || e.length() != HeaderExtensions.BITMAPS_LENGTH) return;
        if ((h.autoclearFeatures() & FeatureBits.AUTOCLEAR_BITMAPS) == 0) return;
        ByteBuffer b = e.buffer();
        long count = Integer.toUnsignedLong(b.getInt(0));
        long size = b.getLong(8);
        long offset = b.getLong(16);
        if (count == 0) return;
        CheckGeometry g = cx.geometry();
        long at = e.dataOffset();
        if (count > MAX_BITMAPS || size < 0 || size > MAX_DIRECTORY || size < count * ENTRY_HEADER) {
            invalid(cx, at, "the bitmaps extension declares " + count + " bitmaps in a directory of " + size
                    + " bytes; QEMU allows at most " + MAX_BITMAPS + " bitmaps, " + ENTRY_HEADER + " bytes or more each,"
                    + " in at most " + MAX_DIRECTORY + " bytes");
            return;
        }
        if (!g.aligned(offset)) {
            invalid(cx, at + 16, "the bitmap directory offset " + hex(offset) + " is not a multiple of the cluster"
                    + " size " + g.clusterSize);
            return;
        }
        if (!cx.computed().metadata(ClusterKind.BITMAP_DIRECTORY, offset, size, "the bitmap directory", at + 16, 8)
                || !cx.source().contains(offset, size)) {
            cx.report().markIncomplete();
            return;
        }
        TableReader in = new TableReader(cx.source(), size);
        long pos = offset;
        for (long i = 0; i < count; i++) {
            cx.monitor().checkpoint();
            if (pos + ENTRY_HEADER > offset + size) {
                invalid(cx, pos, "bitmap " + i + " of " + count + " would start at " + hex(pos) + ", past the end of"
                        + " the bitmap directory at " + hex(offset + size));
                return;
            }
            long tableOffset = in.u64(pos);
            long tableSize = in.u32(pos + 8);
            int nameSize = in.u16(pos + 18);
            long extra = in.u32(pos + 20);
            long next = pos + ((ENTRY_HEADER + extra + nameSize + 7) & ~7L);
            if (next > offset + size) {
                invalid(cx, pos, "bitmap " + i + " at " + hex(pos) + " runs to " + hex(next) + ", past the end of the"
                        + " bitmap directory at " + hex(offset + size));
                return;
            }
            table(cx, i, pos, tableOffset, tableSize);
            pos = next;
        }
    }

    private static void table(CheckContext cx, long i, long entry, long offset, long entries) throws IOException {
        CheckGeometry g = cx.geometry();
        String name = "the table of bitmap " + i;
        if (!g.aligned(offset) || entries > MAX_TABLE_ENTRIES) {
            invalid(cx, entry, name + " (" + entries + " entries at " + hex(offset) + ") is unaligned or larger than"
                    + " QEMU's limit of " + MAX_TABLE_ENTRIES + " entries");
            return;
        }
        if (entries == 0) return;
        if (!cx.computed().metadata(ClusterKind.BITMAP_TABLE, offset, entries * 8, name, entry, 8)
                || !cx.source().contains(offset, entries * 8)) {
            cx.report().markIncomplete();
            return;
        }
        TableReader in = new TableReader(cx.source(), entries * 8);
        for (long k = 0; k < entries; k++) {
            if ((k & 4095) == 0) cx.monitor().checkpoint();
            long at = offset + 8 * k;
            long e = in.u64(at);
            if ((e & ClusterEntries.BITMAP_RESERVED) != 0) {
                cx.report().report(Qcow2Codes.REFERENCE_RESERVED_BITS, at, 8, "entry " + k + " of " + name + " ("
                        + hex(e) + ") has reserved bits " + hex(e & ClusterEntries.BITMAP_RESERVED) + " set");
                continue;
            }
            long data = e & ClusterEntries.OFFSET_MASK;
            if (data == 0) continue;
            if (!g.aligned(data) || (e & 1) != 0) {
                invalid(cx, at, "entry " + k + " of " + name + " (" + hex(e) + ") points at " + hex(data) + " but is"
                        + " unaligned or also says 'all ones'");
                continue;
            }
            cx.computed().metadata(ClusterKind.BITMAP_DATA, data, g.clusterSize, "the data cluster of entry " + k
                    + " of " + name, at, 8);
        }
    }

    private static void invalid(CheckContext cx, long at, String message) {
        cx.report().report(Qcow2Codes.BITMAP_INVALID, at, 8, message);
        cx.report().markIncomplete();
    }
}
