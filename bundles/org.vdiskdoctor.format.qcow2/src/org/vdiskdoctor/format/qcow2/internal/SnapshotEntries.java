// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.dec;
import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;

/**
 * The internal snapshot table as a list for {@code describe()} (the check walks it in {@link SnapshotTable}) (QEMU {@code QCowSnapshotHeader}): per entry l1_table_offset u64, l1_size u32, id_str
 * length u16, name length u16, date (u32 s, u32 ns), vm_clock_nsec u64, vm_state_size u32, extra_data_size u32,
 * the extra data (u64 vm_state_size_large, u64 disk_size, u64 icount), the id, the name, padded to 8 bytes. Read
 * entry by entry inside the file, at most {@value #MAX_LISTED} entries, each with its byte range; an entry cut by
 * the end of the file ends the list.
 */
final class SnapshotEntries {

    /** The most entries described. */
    static final int MAX_LISTED = 256;
    /** QEMU's QCOW_MAX_SNAPSHOT_EXTRA_DATA. */
    static final long MAX_EXTRA = 1024;

    /** One entry, where it lies and what it says. */
    record Entry(long offset, long length, long l1Offset, long l1Size, String id, String name, long vmStateSize,
            long diskSize) {
    }

    private SnapshotEntries() {
    }

    /** The entries of the table of {@code h} (nb_snapshots at snapshots_offset), as far as the file holds them. */
    static List<Entry> read(Qcow2Header h, ImageSource src) throws IOException {
        List<Entry> out = new ArrayList<>();
        long count = Math.min(h.nbSnapshots(), MAX_LISTED);
        long at = h.snapshotsOffset();
        for (long i = 0; i < count; i++) {
            if (!src.contains(at, MetadataTables.SNAPSHOT_HEADER)) break;
            ByteBuffer b = src.read(at, MetadataTables.SNAPSHOT_HEADER);
            long l1Offset = b.getLong(0);
            long l1Size = Integer.toUnsignedLong(b.getInt(8));
            int idLen = Short.toUnsignedInt(b.getShort(12));
            int nameLen = Short.toUnsignedInt(b.getShort(14));
            long vmState = Integer.toUnsignedLong(b.getInt(32));
            long extra = Integer.toUnsignedLong(b.getInt(36));
            if (extra > MAX_EXTRA) break;
            long varLen = extra + idLen + nameLen;
            long length = (MetadataTables.SNAPSHOT_HEADER + varLen + 7) & ~7L;
            if (!src.contains(at + MetadataTables.SNAPSHOT_HEADER, varLen)) break;
            ByteBuffer v = src.read(at + MetadataTables.SNAPSHOT_HEADER, (int) varLen);
            long diskSize = -1;
            if (extra >= 8) vmState = v.getLong(0);
            if (extra >= 16) diskSize = v.getLong(8);
            String id = text(v, (int) extra, idLen);
            String name = text(v, (int) extra + idLen, nameLen);
            out.add(new Entry(at, length, l1Offset, l1Size, id, name, vmState, diskSize));
            at += length;
        }
        return out;
    }

    private static String text(ByteBuffer b, int from, int len) {
        byte[] bytes = new byte[len];
        b.get(from, bytes);
        return BackingFile.printable(new String(bytes, StandardCharsets.UTF_8));
    }

    /** The entries as children of a "snapshots" node. */
    static StructureNode node(Qcow2Header h, List<Entry> entries) {
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
}
