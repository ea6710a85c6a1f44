// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.mbr.internal;

import org.vdiskdoctor.core.spi.GuestDisk;

import java.io.IOException;
import java.util.List;

import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

/**
 * An MBR partition table as a structure tree: the signature, the four entries and the logical partitions of the
 * extended partition. For tests and, later, {@code inspect} (wiring partition structures into it is a later job).
 */
public final class MbrLayout {

    private final GuestDisk disk;
    private final BootSector mbr;
    private final List<EbrChain.Logical> logicals;

    private MbrLayout(GuestDisk disk, BootSector mbr, List<EbrChain.Logical> logicals) {
        this.disk = disk;
        this.mbr = mbr;
        this.logicals = logicals;
    }

    /** Reads LBA 0 and the EBR chain of {@code image}, which must be a guest reader of at least one sector. */
    public static MbrLayout read(OpenedImage image, Monitor monitor) throws IOException {
        return read(new GuestDisk(image), monitor);
    }

    static MbrLayout read(GuestDisk disk, Monitor monitor) throws IOException {
        BootSector mbr = BootSector.read(disk);
        List<EbrChain.Logical> logicals = List.of();
        if (mbr.signature() && !mbr.volumeBootRecord() && !mbr.hasProtectiveEntry()) {
            disk = MbrSectors.choose(disk, mbr);
            for (MbrEntry e : mbr.used()) {
                if (e.extended()) {
                    logicals = EbrChain.walk(disk, e, f -> {
                    }, monitor);
                    break;
                }
            }
        }
        return new MbrLayout(disk, mbr, logicals);
    }

    /** A partition table of its own: a 55 AA signature, not a filesystem's boot sector, not GPT's protective MBR. */
    boolean isPartitionTable() {
        return mbr.signature() && !mbr.volumeBootRecord() && !mbr.hasProtectiveEntry() && !mbr.used().isEmpty();
    }

    BootSector mbr() {
        return mbr;
    }

    /** The disk in the sectors the table was written for ({@link MbrSectors}). */
    GuestDisk disk() {
        return disk;
    }

    List<EbrChain.Logical> logicals() {
        return logicals;
    }

    /** The tree: signature, entries 1-4 and the logical partitions. */
    public StructureNode describe() {
        StructureNode.Builder root = StructureNode.node("MBR").value(mbr.allZero() ? "blank"
                : !mbr.signature() ? "no 55 AA signature" : mbr.volumeBootRecord() ? "filesystem boot sector"
                        : mbr.hasProtectiveEntry() ? "protective (GPT)" : mbr.used().size() + " entries used")
                .range(disk.fileOffset(0), GuestDisk.SECTOR)
                .field("signature 55 AA", mbr.signature(), disk.fileOffset(510), 2)
                .field("logical sector size", disk.sectorSize(), -1, 0);
        for (MbrEntry e : mbr.entries()) {
            root.child(StructureNode.node("entry " + e.slot()).value(e.used() ? "type " + MbrProbe.hex(e.type())
                    : "unused").range(disk.fileOffset(MbrEntry.TABLE + 16L * (e.slot() - 1)), 16)
                    .field("status", MbrProbe.hex(e.status()), -1, 0)
                    .field("type", MbrProbe.hex(e.type()), -1, 0)
                    .field("start LBA", e.start(), -1, 0)
                    .field("sectors", e.count(), -1, 0).build());
        }
        for (EbrChain.Logical l : logicals) {
            root.child(StructureNode.node("logical partition " + l.number()).value("type " + MbrProbe.hex(l.type()))
                    .range(disk.fileOffset(l.start() * disk.sectorSize()), l.count() * disk.sectorSize())
                    .field("EBR LBA", l.ebrLba(), disk.fileOffset(l.ebrLba() * disk.sectorSize()), disk.sectorSize())
                    .field("start LBA", l.start(), -1, 0)
                    .field("sectors", l.count(), -1, 0).build());
        }
        return root.build();
    }
}
