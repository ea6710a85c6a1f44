// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.dec;
import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/**
 * The internal snapshot table (QEMU {@code QCowSnapshotHeader}), the one parser behind both the check and
 * {@code describe()}: nb_snapshots entries at snapshots_offset, each 8-byte aligned: l1_table_offset u64, l1_size
 * u32, id_str_size u16, name_size u16, date (2 × u32), vm_clock_nsec u64, vm_state_size u32, extra_data_size u32,
 * then the extra data (u64 vm_state_size_large, u64 disk_size, u64 icount), the id and the name. Parsed with QEMU's
 * bounds (extra data at most {@value #MAX_EXTRA} bytes, the table at most {@value #MAX_TABLE} bytes), through one
 * bounded read window; a damaged entry ends the parse. The check walks each snapshot's L1 table like the active one,
 * without the COPIED check, and reports the damaged entry (the check is then incomplete).
 */
final class SnapshotTable {

    static final int ENTRY_HEADER = MetadataTables.SNAPSHOT_HEADER;
    /** QEMU's QCOW_MAX_SNAPSHOT_EXTRA_DATA. */
    static final int MAX_EXTRA = 1024;
    /** QEMU's QCOW_MAX_SNAPSHOTS_SIZE. */
    static final long MAX_TABLE = 1024L * 65536;
    /** The most entries {@code describe()} lists. */
    static final int MAX_LISTED = 256;
    /** The most bytes of an id or a name kept; a longer one ends with "…". */
    static final int MAX_TEXT = 1024;
    /** The most bytes of an id or a name in a finding's message. */
    private static final int MESSAGE_TEXT = 64;

    /** One entry, where it lies (8-byte padded length) and what it says; id and name cut at {@value #MAX_TEXT}. */
    record Entry(long offset, long length, long l1Offset, long l1Size, byte[] idBytes, int idLength,
            byte[] nameBytes, int nameLength, long vmStateSize, long diskSize) {

        String id() {
            return text(idBytes, idLength, MAX_TEXT);
        }

        String name() {
            return text(nameBytes, nameLength, MAX_TEXT);
        }

        /** How a finding names the snapshot. */
        String label() {
            return "snapshot " + text(idBytes, idLength, MESSAGE_TEXT) + " ('" + text(nameBytes, nameLength,
                    MESSAGE_TEXT) + "')";
        }
    }

    /** Where an entry is damaged and how: the parse stopped there. */
    record Damage(long offset, String message) {
    }

    /** Called for each entry as it is read, before the next one is. */
    @FunctionalInterface
    interface EntryVisitor {
        void entry(long index, Entry e) throws IOException;
    }

    /** What a parse found: the entries, the end of the last one (unpadded), and the damage that ended it, or null. */
    record Parse(List<Entry> entries, long end, Damage damage) {
    }

    private SnapshotTable() {
    }

    /**
     * Reads at most {@code limit} entries of the table of {@code h}; {@code keep} = false visits them without keeping
     * them in the result (the check, up to 65536 entries).
     */
    static Parse parse(ImageSource src, Qcow2Header h, long limit, boolean keep, EntryVisitor visitor)
            throws IOException {
        long count = Math.min(h.nbSnapshots(), limit);
        long start = h.snapshotsOffset();
        List<Entry> entries = new ArrayList<>();
        if (count <= 0) return new Parse(entries, start, null);
        TableReader in = new TableReader(src, count * 64 + MAX_EXTRA);
        long pos = start;
        for (long i = 0; i < count; i++) {
            pos = (pos + 7) & ~7L;
            if (!src.contains(pos, ENTRY_HEADER) || pos + ENTRY_HEADER - start > MAX_TABLE) {
                return new Parse(entries, pos, new Damage(pos, "snapshot " + i + " of " + h.nbSnapshots()
                        + " would start at " + hex(pos) + ", beyond the end" + (pos + ENTRY_HEADER - start > MAX_TABLE
                                ? " of QEMU's 64 MiB snapshot table limit" : " of the file at " + hex(src.size()))));
            }
            long l1Offset = in.u64(pos);
            long l1Size = in.u32(pos + 8);
            int idLen = in.u16(pos + 12);
            int nameLen = in.u16(pos + 14);
            long vmState = in.u32(pos + 32);
            long extra = in.u32(pos + 36);
            if (extra > MAX_EXTRA) {
                return new Parse(entries, pos, new Damage(pos + 36, "snapshot " + i + " at " + hex(pos) + " declares "
                        + extra + " bytes of extra data, more than QEMU's " + MAX_EXTRA + " (QEMU: 'Too much extra"
                        + " metadata in snapshot table entry')"));
            }
            long next = pos + ENTRY_HEADER + extra + idLen + nameLen;
            if (!src.contains(pos, next - pos) || next - start > MAX_TABLE) {
                return new Parse(entries, pos, new Damage(pos, "snapshot " + i + " at " + hex(pos) + " needs "
                        + (next - pos) + " bytes up to " + hex(next) + ", beyond the end of the file or QEMU's 64 MiB"
                        + " snapshot table limit"));
            }
            long diskSize = -1;
            if (extra >= 8) vmState = in.u64(pos + ENTRY_HEADER);
            if (extra >= 16) diskSize = in.u64(pos + ENTRY_HEADER + 8);
            long idAt = pos + ENTRY_HEADER + extra;
            Entry e = new Entry(pos, ((next - pos) + 7) & ~7L, l1Offset, l1Size,
                    in.bytes(idAt, Math.min(idLen, MAX_TEXT)), idLen,
                    in.bytes(idAt + idLen, Math.min(nameLen, MAX_TEXT)), nameLen, vmState, diskSize);
            if (keep) entries.add(e);
            visitor.entry(i, e);
            pos = next;
        }
        return new Parse(entries, pos, null);
    }

    /** The check: every entry's L1 table walked, the table's clusters counted, a damaged entry reported. */
    static void walk(CheckContext cx, Qcow2Header h) throws IOException {
        if (h.nbSnapshots() == 0) return;
        Parse p = parse(cx.source(), h, Long.MAX_VALUE, false, (i, e) -> {
            cx.monitor().checkpoint();
            checkL1(cx, e);
        });
        if (p.damage() != null) {
            cx.report().report(Qcow2Codes.SNAPSHOT_ENTRY_INVALID, p.damage().offset(), 8, p.damage().message());
            cx.report().markIncomplete();
        }
        long start = h.snapshotsOffset();
        cx.computed().metadata(ClusterKind.SNAPSHOT_TABLE, start, p.end() - start, "the snapshot table",
                Qcow2Header.OFF_SNAPSHOTS_OFFSET, 8);
    }

    private static void checkL1(CheckContext cx, Entry e) throws IOException {
        CheckGeometry g = cx.geometry();
        if (e.l1Size() == 0) return;
        String label = e.label();
        if (!g.aligned(e.l1Offset())) {
            invalid(cx, e.offset(), label + " has its L1 table at " + hex(e.l1Offset()) + ", not a multiple of the"
                    + " cluster size (qemu-img check: 'L1 table is not cluster aligned; snapshot table entry"
                    + " corrupted')");
        } else if (e.l1Size() > HeaderChecks.MAX_L1_ENTRIES) {
            invalid(cx, e.offset() + 8, label + " has an L1 table of " + e.l1Size() + " entries, more than QEMU's"
                    + " 32 MiB limit (qemu-img check: 'L1 table is too large; snapshot table entry corrupted')");
        } else {
            L1Table.walk(cx, e.l1Offset(), e.l1Size(), false, "the L1 table of " + label, e.offset());
        }
    }

    private static void invalid(CheckContext cx, long at, String message) {
        cx.report().report(Qcow2Codes.SNAPSHOT_ENTRY_INVALID, at, 8, message);
        cx.report().markIncomplete();
    }

    /** {@code describe()}: the first {@value #MAX_LISTED} entries as children of a "snapshots" node. */
    static StructureNode node(Qcow2Header h, ImageSource src) throws IOException {
        List<Entry> entries = parse(src, h, MAX_LISTED, true, (i, e) -> {
        }).entries();
        StructureNode.Builder n = StructureNode.node("snapshots").value(entries.size() + " of "
                + h.nbSnapshots() + " entries read");
        for (Entry e : entries) {
            StructureNode.Builder s = StructureNode.node("snapshot " + e.id()).value(e.name()).range(e.offset(),
                    e.length());
            s.field("l1_table_offset", hex(e.l1Offset()), e.offset(), 8);
            s.field("l1_size", e.l1Size(), e.offset() + 8, 4);
            s.field("id", e.id(), -1, 0);
            s.field("name", e.name(), -1, 0);
            s.field("vm_state_size", dec(e.vmStateSize()), e.offset() + 32, 4);
            if (e.diskSize() >= 0) s.field("disk_size", dec(e.diskSize()), e.offset() + 48, 8);
            n.child(s.build());
        }
        return n.build();
    }

    private static String text(byte[] bytes, int fullLength, int max) {
        int n = Math.min(bytes.length, max);
        String s = BackingFile.printable(new String(Arrays.copyOf(bytes, n), StandardCharsets.UTF_8));
        return fullLength > n ? s + "…" : s;
    }
}
