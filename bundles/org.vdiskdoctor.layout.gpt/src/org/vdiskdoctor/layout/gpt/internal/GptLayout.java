// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import org.vdiskdoctor.core.spi.GuestDisk;

import java.io.IOException;
import java.util.Locale;

import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

/**
 * What a guest disk holds of a GPT: the protective MBR, the primary copy at LBA 1 and the backup copy, looked for
 * where the primary's AlternateLBA says when that lies inside the disk, else at the last LBA. {@link #describe()}
 * gives it as a structure tree (wiring it into {@code inspect} is a later job).
 */
public final class GptLayout {

    private final GuestDisk disk;
    private final int declaredSectorSize;
    private final ProtectiveMbr pmbr;
    private final GptCopy primary;
    private final GptCopy backup;

    private GptLayout(GuestDisk disk, int declaredSectorSize, ProtectiveMbr pmbr, GptCopy primary, GptCopy backup) {
        this.disk = disk;
        this.declaredSectorSize = declaredSectorSize;
        this.pmbr = pmbr;
        this.primary = primary;
        this.backup = backup;
    }

    /** Reads LBA 0, the primary copy and the backup copy of {@code image}, which must be a guest reader. */
    public static GptLayout read(OpenedImage image, Monitor monitor) throws IOException {
        return read(new GuestDisk(image), monitor);
    }

    /**
     * Reads the GPT of {@code declared}, in the sectors it was written for: those the format records, or the other
     * common size when only that one has a GPT signature ({@link LogicalSectors}).
     */
    static GptLayout read(GuestDisk declared, Monitor monitor) throws IOException {
        GuestDisk disk = LogicalSectors.choose(declared);
        ProtectiveMbr pmbr = ProtectiveMbr.read(disk);
        GptCopy primary = GptCopy.read(disk, 1, monitor);
        long backupLba = disk.lastLba();
        if (primary.headerSound()) {
            long alt = primary.header().alternateLba;
            if (Long.compareUnsigned(alt, 1) > 0 && Long.compareUnsigned(alt, disk.lastLba()) < 0) backupLba = alt;
        }
        GptCopy backup = GptCopy.read(disk, backupLba, monitor);
        return new GptLayout(disk, declared.sectorSize(), pmbr, primary, backup);
    }

    /** The disk in the sectors the GPT was written for. */
    GuestDisk disk() {
        return disk;
    }

    /** The logical sector size the format records (512 when it records none). */
    int declaredSectorSize() {
        return declaredSectorSize;
    }

    /** Whether the GPT was found in other sectors than the format records. */
    boolean sectorSizeDetected() {
        return disk.sectorSize() != declaredSectorSize;
    }

    ProtectiveMbr pmbr() {
        return pmbr;
    }

    GptCopy primary() {
        return primary;
    }

    GptCopy backup() {
        return backup;
    }

    /** A 0xEE entry in LBA 0 or an "EFI PART" signature where a header belongs: the disk is meant to be GPT. */
    public boolean looksLikeGpt() {
        return pmbr.eeSlot() > 0 || primary.hasSignature() || backup.hasSignature();
    }

    /** The copy the partitions are read from: the primary when valid, else the backup when valid, else none. */
    GptCopy chosen() {
        if (primary.valid()) return primary;
        return backup.valid() ? backup : null;
    }

    /** The layout as a tree: protective MBR, both headers, and the partitions of the valid copy. */
    public StructureNode describe() {
        String state = !looksLikeGpt() ? "none"
                : chosen() != null ? "valid copy at LBA " + chosen().lba() : "no valid copy";
        StructureNode.Builder root = StructureNode.node("GPT").value(state)
                .field("logical sector size", disk.sectorSize() + (sectorSizeDetected() ? " (found; the format records "
                        + declaredSectorSize + ")" : ""), -1, 0);
        root.child(StructureNode.node("protective MBR").range(disk.fileOffset(0), disk.sectorSize())
                .field("signature 55 AA", pmbr.signature(), disk.fileOffset(510), 2)
                .field("0xEE entry", pmbr.eeSlot() > 0 ? "entry " + pmbr.eeSlot() : "none", -1, 0)
                .field("start LBA", pmbr.eeStart(), -1, 0)
                .field("size in sectors", pmbr.eeSize(), -1, 0)
                .field("expected size", ProtectiveMbr.expectedSize(disk.sectors()), -1, 0)
                .field("other entries", pmbr.otherEntries(), -1, 0).build());
        root.child(header("primary header", primary));
        root.child(header("backup header", backup));
        GptCopy c = chosen();
        if (c != null) {
            StructureNode.Builder parts = StructureNode.node("partitions").value(c.array().used().size() + " used of "
                    + c.header().entryCount);
            for (GptEntry e : c.array().used()) {
                parts.child(StructureNode.node("partition " + e.index()).value(e.name())
                        .range(e.ordered() ? disk.fileOffset(e.firstLba() * disk.sectorSize()) : -1,
                                e.ordered() ? e.sectors() * disk.sectorSize() : 0)
                        .field("type", e.type(), -1, 0).field("unique GUID", e.unique(), -1, 0)
                        .field("first LBA", e.firstLba(), -1, 0).field("last LBA", e.lastLba(), -1, 0)
                        .field("attributes", String.format(Locale.ROOT, "0x%016x", e.attributes()), -1, 0).build());
            }
            root.child(parts.build());
        }
        return root.build();
    }

    private StructureNode header(String name, GptCopy copy) {
        GptHeader h = copy.header();
        StructureNode.Builder n = StructureNode.node(name).value(copy.valid() ? "valid at LBA " + copy.lba()
                : copy.problem());
        if (h == null) return n.build();
        long at = copy.lba() * disk.sectorSize();
        n.range(disk.fileOffset(at), disk.sectorSize())
                .field("signature", h.hasSignature() ? "EFI PART" : "absent", disk.fileOffset(at), 8)
                .field("revision", String.format(Locale.ROOT, "0x%08x", h.revision), disk.fileOffset(at + 8), 4)
                .field("HeaderSize", h.headerSize, disk.fileOffset(at + 12), 4)
                .field("HeaderCRC32", String.format(Locale.ROOT, "0x%08x", h.storedCrc), disk.fileOffset(at + 16), 4)
                .field("MyLBA", Long.toUnsignedString(h.myLba), disk.fileOffset(at + 24), 8)
                .field("AlternateLBA", Long.toUnsignedString(h.alternateLba), disk.fileOffset(at + 32), 8)
                .field("FirstUsableLBA", Long.toUnsignedString(h.firstUsable), disk.fileOffset(at + 40), 8)
                .field("LastUsableLBA", Long.toUnsignedString(h.lastUsable), disk.fileOffset(at + 48), 8)
                .field("DiskGUID", h.diskGuidText(), disk.fileOffset(at + 56), 16)
                .field("PartitionEntryLBA", Long.toUnsignedString(h.entryLba), disk.fileOffset(at + 72), 8)
                .field("NumberOfPartitionEntries", h.entryCount, disk.fileOffset(at + 80), 4)
                .field("SizeOfPartitionEntry", h.entrySize, disk.fileOffset(at + 84), 4)
                .field("PartitionEntryArrayCRC32", String.format(Locale.ROOT, "0x%08x", h.arrayCrc),
                        disk.fileOffset(at + 88), 4);
        return n.build();
    }
}
