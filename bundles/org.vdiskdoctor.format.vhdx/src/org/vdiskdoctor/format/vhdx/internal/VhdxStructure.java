// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.io.IOException;
import java.util.Map;

import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.spi.Monitor;

/** The structure tree of a VHDX image for {@code inspect} and the Disk Inspector. */
final class VhdxStructure {

    private VhdxStructure() {
    }

    static StructureNode describe(VhdxLayout l) throws IOException {
        StructureNode.Builder root = StructureNode.node("vhdx").value(l.source().path().getFileName());
        root.child(StructureNode.node("file type identifier").range(0, 64 * 1024)
                .field("signature", l.identifierValid() ? "vhdxfile" : "missing", 0, 8)
                .field("creator", l.creator(), 8, 512).build());
        HeaderPair hp = l.headers();
        root.field("current header", hp.current() == null ? "none" : "header " + hp.current().index() + ": "
                + hp.why(), -1, 0);
        root.child(header(hp.first()));
        root.child(header(hp.second()));
        root.child(regionTable(l.regions().first()));
        root.child(regionTable(l.regions().second()));
        if (l.metadata() != null) root.child(metadata(l));
        if (l.parent() != null) root.child(parent(l.parent()));
        if (l.bat() != null) root.child(bat(l));
        root.child(log(l));
        return root.build();
    }

    private static StructureNode header(VhdxHeader h) {
        long o = h.offset();
        StructureNode.Builder b = StructureNode.node("header " + h.index()).range(o, VhdxHeader.SIZE)
                .value(h.valid() ? "valid" : "invalid: " + h.problem());
        if (!h.present()) return b.build();
        return b.field("signature", Problems.hex(Integer.toUnsignedLong(h.signature())), o, 4)
                .field("checksum", VhdxHeader.crcText(h.storedCrc()) + (h.storedCrc() == h.computedCrc() ? " (ok)"
                        : " (computed " + VhdxHeader.crcText(h.computedCrc()) + ")"), o + 4, 4)
                .field("SequenceNumber", Long.toUnsignedString(h.sequence()), o + 8, 8)
                .field("FileWriteGuid", h.fileWriteGuid(), o + 16, 16)
                .field("DataWriteGuid", h.dataWriteGuid(), o + 32, 16)
                .field("LogGuid", h.logGuid() + (h.logGuid().isZero() ? " (nothing to replay)" : " (log to replay)"),
                        o + 48, 16)
                .field("LogVersion", h.logVersion(), o + 64, 2).field("Version", h.version(), o + 66, 2)
                .field("LogLength", h.logLength(), o + 68, 4).field("LogOffset", Problems.hex(h.logOffset()), o + 72, 8)
                .build();
    }

    private static StructureNode regionTable(RegionTable t) {
        StructureNode.Builder b = StructureNode.node("region table " + t.index()).range(t.offset(), RegionTable.SIZE)
                .value(t.valid() ? "valid" : "invalid: " + t.problem());
        if (!t.present()) return b.build();
        b.field("EntryCount", t.entryCount(), t.offset() + 8, 4);
        for (RegionTable.Entry e : t.entries()) {
            b.child(StructureNode.node(e.name()).range(e.at(), RegionTable.ENTRY).field("Guid", e.guid(), e.at(), 16)
                    .field("FileOffset", Problems.hex(e.fileOffset()), e.at() + 16, 8)
                    .field("Length", e.length(), e.at() + 24, 4).field("Required", e.required(), e.at() + 28, 4)
                    .build());
        }
        return b.build();
    }

    private static StructureNode metadata(VhdxLayout l) {
        MetadataTable t = l.metadata();
        StructureNode.Builder b = StructureNode.node("metadata").range(t.regionOffset(), t.regionLength())
                .field("EntryCount", t.entryCount(), t.regionOffset() + 10, 2);
        DiskParameters d = l.params();
        for (MetadataTable.Item it : t.items()) {
            StructureNode.Builder n = StructureNode.node(it.name()).range(it.fileOffset(t.regionOffset()),
                    it.length()).value(value(it, d)).field("ItemId", it.guid(), it.entryAt(), 16)
                    .field("Offset", Problems.hex(it.offset()), it.entryAt() + 16, 4)
                    .field("Length", it.length(), it.entryAt() + 20, 4)
                    .field("flags", (it.user() ? "IsUser " : "") + (it.virtualDisk() ? "IsVirtualDisk " : "")
                            + (it.required() ? "IsRequired" : ""), it.entryAt() + 24, 4);
            b.child(n.build());
        }
        return b.build();
    }

    private static String value(MetadataTable.Item it, DiskParameters d) {
        if (d == null) return "";
        if (it.guid().equals(Guid.FILE_PARAMETERS)) {
            return "BlockSize " + d.blockSize() + (d.leaveBlocksAllocated() ? ", LeaveBlockAllocated" : "")
                    + (d.hasParent() ? ", HasParent" : "");
        }
        if (it.guid().equals(Guid.VIRTUAL_DISK_SIZE)) return Long.toUnsignedString(d.virtualSize());
        if (it.guid().equals(Guid.LOGICAL_SECTOR_SIZE)) return String.valueOf(d.logicalSector());
        if (it.guid().equals(Guid.PHYSICAL_SECTOR_SIZE)) return String.valueOf(d.physicalSector());
        if (it.guid().equals(Guid.PAGE_83)) return String.valueOf(d.page83());
        return "";
    }

    private static StructureNode parent(ParentLocator pl) {
        StructureNode.Builder b = StructureNode.node("parent locator").range(pl.offset(), pl.length())
                .value(pl.parentName() + (pl.fallback() ? " (file name of absolute_win32_path)" : ""))
                .field("LocatorType", pl.type(), pl.offset(), 16);
        for (Map.Entry<String, String> e : pl.entries().entrySet()) {
            long[] w = pl.where().get(e.getKey());
            b.field(e.getKey(), e.getValue(), w[0], w[1]);
        }
        return b.build();
    }

    private static StructureNode bat(VhdxLayout l) throws IOException {
        DiskParameters d = l.params();
        BatCheck.Summary s = BatCheck.run(l, new Problems(l.source().path()), Monitor.NONE);
        long[] st = s.payloadStates();
        return StructureNode.node("BAT").range(l.bat().fileOffset(), l.regions().bat().length())
                .value(s.required() + " entries").field("BlockSize", d.blockSize(), -1, 0)
                .field("chunk ratio", d.chunkRatio(), -1, 0).field("data blocks", d.dataBlocks(), -1, 0)
                .field("entries required", s.required(), -1, 0).field("entries read", s.walked(), -1, 0)
                .field("NOT_PRESENT", st[Bat.NOT_PRESENT], -1, 0).field("UNDEFINED", st[Bat.UNDEFINED], -1, 0)
                .field("ZERO", st[Bat.ZERO], -1, 0).field("UNMAPPED", st[Bat.UNMAPPED], -1, 0)
                .field("FULLY_PRESENT", st[Bat.FULLY_PRESENT], -1, 0)
                .field("PARTIALLY_PRESENT", st[Bat.PARTIALLY_PRESENT], -1, 0)
                .field("sector bitmaps present", s.bitmapsPresent(), -1, 0).build();
    }

    private static StructureNode log(VhdxLayout l) throws IOException {
        VhdxHeader h = l.headers().current();
        StructureNode.Builder b = StructureNode.node("log");
        if (h == null) return b.value("no valid header").build();
        b.range(h.logOffset(), l.logRangeValid() ? h.logLength() : 0);
        if (h.logGuid().isZero()) return b.value("clean (LogGuid is zero)").build();
        if (!l.logRangeValid()) return b.value("LogGuid " + h.logGuid() + ", log range invalid").build();
        LogEntries.Result r = LogEntries.scan(l.source(), h.logOffset(), h.logLength(), h.logGuid(), Monitor.NONE);
        b.value("LogGuid " + h.logGuid() + ": " + r.active().size() + " valid entries to replay");
        for (LogEntries.Entry e : r.entries()) {
            b.field("entry", "sequence " + Long.toUnsignedString(e.sequence()) + ", " + e.length() + " bytes, "
                    + e.descriptors() + " descriptors" + (e.problem() == null ? (r.active().contains(e)
                            ? ", valid, to replay" : ", valid, not in the active sequence") : ", invalid: "
                                    + e.problem()), h.logOffset() + e.at(), e.length());
        }
        return b.build();
    }
}
