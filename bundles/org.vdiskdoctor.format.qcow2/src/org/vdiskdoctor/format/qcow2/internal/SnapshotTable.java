// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/**
 * The internal snapshot table: nb_snapshots entries at snapshots_offset, each 8-byte aligned: l1_table_offset u64,
 * l1_size u32, id_str_size u16, name_size u16, date (2 × u32), vm_clock_nsec u64, vm_state_size u32,
 * extra_data_size u32, then the extra data, the id and the name. Parsed with QEMU's bounds (extra data at most
 * {@value #MAX_EXTRA} bytes, the table at most {@value #MAX_TABLE} bytes); each snapshot's L1 table is walked like
 * the active one, without the COPIED check. A damaged entry ends the parse and marks the check incomplete.
 */
final class SnapshotTable {

    static final int ENTRY_HEADER = 40;
    static final int MAX_EXTRA = 1024;
    static final long MAX_TABLE = 1024L * 65536;

    private SnapshotTable() {
    }

    static void walk(CheckContext cx, Qcow2Header h) throws IOException {
        long count = h.nbSnapshots();
        long start = h.snapshotsOffset();
        if (count == 0) return;
        CheckGeometry g = cx.geometry();
        CheckReport r = cx.report();
        TableReader in = new TableReader(cx.source(), count * 64 + MAX_EXTRA);
        long pos = start;
        for (long i = 0; i < count; i++) {
            cx.monitor().checkpoint();
            pos = (pos + 7) & ~7L;
            if (!cx.source().contains(pos, ENTRY_HEADER) || pos + ENTRY_HEADER - start > MAX_TABLE) {
                invalid(cx, pos, "snapshot " + i + " of " + count + " would start at " + hex(pos) + ", beyond the end"
                        + (pos + ENTRY_HEADER - start > MAX_TABLE ? " of QEMU's 64 MiB snapshot table limit"
                                : " of the file at " + hex(g.fileSize)));
                break;
            }
            long l1Offset = in.u64(pos);
            long l1Size = in.u32(pos + 8);
            int idLen = in.u16(pos + 12);
            int nameLen = in.u16(pos + 14);
            long extra = in.u32(pos + 36);
            if (extra > MAX_EXTRA) {
                invalid(cx, pos + 36, "snapshot " + i + " at " + hex(pos) + " declares " + extra + " bytes of extra"
                        + " data, more than QEMU's " + MAX_EXTRA + " (QEMU: 'Too much extra metadata in snapshot table"
                        + " entry')");
                break;
            }
            long next = pos + ENTRY_HEADER + extra + idLen + nameLen;
            if (!cx.source().contains(pos, next - pos) || next - start > MAX_TABLE) {
                invalid(cx, pos, "snapshot " + i + " at " + hex(pos) + " needs " + (next - pos) + " bytes up to "
                        + hex(next) + ", beyond the end of the file or QEMU's 64 MiB snapshot table limit");
                break;
            }
            String id = text(in, pos + ENTRY_HEADER + extra, idLen);
            String name = text(in, pos + ENTRY_HEADER + extra + idLen, nameLen);
            String label = "snapshot " + id + " ('" + name + "')";
            checkL1(cx, label, pos, l1Offset, l1Size);
            pos = next;
        }
        cx.computed().metadata(ClusterKind.SNAPSHOT_TABLE, start, pos - start, "the snapshot table",
                Qcow2Header.OFF_SNAPSHOTS_OFFSET, 8);
    }

    private static void checkL1(CheckContext cx, String label, long entry, long l1Offset, long l1Size)
            throws IOException {
        CheckGeometry g = cx.geometry();
        if (l1Size == 0) return;
        if (!g.aligned(l1Offset)) {
            invalid(cx, entry, label + " has its L1 table at " + hex(l1Offset) + ", not a multiple of the cluster size"
                    + " (qemu-img check: 'L1 table is not cluster aligned; snapshot table entry corrupted')");
        } else if (l1Size > HeaderChecks.MAX_L1_ENTRIES) {
            invalid(cx, entry + 8, label + " has an L1 table of " + l1Size + " entries, more than QEMU's 32 MiB"
                    + " limit (qemu-img check: 'L1 table is too large; snapshot table entry corrupted')");
        } else {
            L1Table.walk(cx, l1Offset, l1Size, false, "the L1 table of " + label, entry);
        }
    }

    private static void invalid(CheckContext cx, long at, String message) {
        cx.report().report(Qcow2Codes.SNAPSHOT_ENTRY_INVALID, at, 8, message);
        cx.report().markIncomplete();
    }

    private static String text(TableReader in, long offset, int len) throws IOException {
        int n = Math.min(len, 64);
        String s = BackingFile.printable(new String(in.bytes(offset, n), StandardCharsets.UTF_8));
        return len > n ? s + "…" : s;
    }
}
