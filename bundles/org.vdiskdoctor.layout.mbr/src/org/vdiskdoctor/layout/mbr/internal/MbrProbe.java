// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.mbr.internal;

import org.vdiskdoctor.core.spi.GuestDisk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Component;
import org.vdiskdoctor.core.spi.DiskProbe;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.layout.mbr.MbrCodes;
import org.vdiskdoctor.layout.mbr.internal.PartitionOverlaps.Extent;

/**
 * The DOS/MBR partition table, read through the format driver so it works on every container format: the 55 AA
 * signature, the four entries, the extended partition's chain of EBRs, overlaps and partitions past the disk's end.
 * A disk whose LBA 0 is all zeros is blank, not damaged. A table with a 0xEE entry belongs to the GPT probe; here it
 * only says when it is a hybrid MBR.
 */
@Component(service = DiskProbe.class, property = DiskProbe.ID_PROPERTY + "=" + MbrProbe.ID)
public final class MbrProbe implements DiskProbe {

    /** The probe id. */
    public static final String ID = "layout.mbr";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean appliesTo(OpenedImage image) {
        return image instanceof GuestReader g && g.guestSize() >= GuestDisk.SECTOR;
    }

    @Override
    public void run(OpenedImage image, FindingSink sink, Monitor monitor) throws IOException {
        GuestDisk disk = new GuestDisk(image);
        if (disk.sectors() < 1) return;
        BootSector mbr = BootSector.read(disk);
        if (mbr.allZero() || mbr.volumeBootRecord()) return;
        if (!mbr.signature()) {
            if (!mbr.wholeDiskMagic()) {
                byte[] head = new byte[8];
                disk.read(0, 1).get(0, head);
                byte[] tail = new byte[2];
                disk.read(0, 1).get(510, tail);
                sink.report(disk.finding(MbrCodes.SIGNATURE_MISSING, "LBA 0 holds data (starting "
                        + HexFormat.ofDelimiter(" ").formatHex(head) + ") but ends in "
                        + HexFormat.ofDelimiter(" ").formatHex(tail) + ", not 55 AA: no firmware boots it and no "
                        + "system reads partitions from it", 0, 1));
            }
            return;
        }
        if (mbr.hasProtectiveEntry()) {
            if (mbr.used().size() > 1) {
                sink.report(disk.finding(MbrCodes.HYBRID, "hybrid MBR: beside the GPT's protective 0xEE entry, LBA 0 "
                        + "holds " + describe(mbr.used().stream().filter(e -> e.type() != MbrEntry.TYPE_PROTECTIVE)
                                .toList()) + "; keep it in step with the GPT", 0, 1));
            }
            return;
        }
        GuestDisk declared = disk;
        disk = MbrSectors.choose(disk, mbr);
        if (disk != declared) {
            sink.report(disk.finding(MbrCodes.SECTOR_SIZE_DETECTED, "the disk has " + disk.sectorSize()
                    + "-byte logical sectors: the filesystems lie at the entries' LBAs counted in " + disk.sectorSize()
                    + "-byte units, none at " + declared.sectorSize() + "-byte ones. A VM must present it with "
                    + disk.sectorSize() + "-byte logical sectors (QEMU: logical_block_size=" + disk.sectorSize()
                    + "), else the guest finds no filesystem in its partitions", 0, 1));
        }
        checkStatus(disk, mbr, sink);
        List<Extent> primaries = new ArrayList<>();
        primaries.add(new Extent("the MBR", 0, 1, 0));
        List<String> offsets = new ArrayList<>();
        List<EbrChain.Logical> logicals = new ArrayList<>();
        for (MbrEntry e : mbr.used()) {
            if (e.count() == 0) continue;
            primaries.add(new Extent("partition " + e.slot(), e.start(), e.end(), 0));
            if (e.end() > disk.sectors()) {
                sink.report(disk.finding(MbrCodes.PARTITION_BEYOND_END, "partition " + e.slot() + " (type "
                        + hex(e.type()) + ", LBA " + e.start() + ".." + (e.end() - 1) + ") ends " + (e.end()
                        - disk.sectors()) + " sectors past the disk's last LBA " + disk.lastLba(), 0, 1));
            } else if (!e.extended()) {
                offsets.add(offset(disk, e.slot(), e.start(), e.count(), e.type()));
            }
            if (e.extended() && logicals.isEmpty()) logicals.addAll(EbrChain.walk(disk, e, sink, monitor));
        }
        PartitionOverlaps.report(disk, primaries, sink);
        List<Extent> logicalExtents = new ArrayList<>();
        for (EbrChain.Logical l : logicals) {
            logicalExtents.add(new Extent("logical partition " + l.number(), l.start(), l.end(), l.ebrLba()));
            if (l.end() <= disk.sectors()) offsets.add(offset(disk, l.number(), l.start(), l.count(), l.type()));
        }
        PartitionOverlaps.report(disk, logicalExtents, sink);
        if (!offsets.isEmpty()) {
            sink.report(disk.finding(MbrCodes.PARTITION_OFFSETS, "MBR with " + offsets.size() + " partition"
                    + (offsets.size() == 1 ? "" : "s") + sectors(disk) + " (mount one with e.g. mount -o ro,loop,offset=<offset>): "
                    + String.join("; ", offsets), 0, 1));
        }
    }

    /** The kernel ignores the whole table when any status byte is not 0x00 or 0x80. */
    private static void checkStatus(GuestDisk disk, BootSector mbr, FindingSink sink) {
        List<MbrEntry> bad = mbr.entries().stream().filter(e -> !e.statusValid()).toList();
        if (bad.isEmpty()) return;
        sink.report(disk.finding(MbrCodes.BAD_STATUS, bad.stream().map(e -> "entry " + e.slot() + " has status byte "
                + hex(e.status())).collect(Collectors.joining(", ")) + " (only 0x00 and 0x80 are valid): Linux "
                + "ignores the whole partition table", 0, 1));
    }

    private static String offset(GuestDisk disk, int number, long start, long count, int type) {
        return "partition " + number + ": offset " + start * disk.sectorSize() + ", " + count * disk.sectorSize()
                + " bytes (type " + hex(type) + ")";
    }

    private static String describe(List<MbrEntry> entries) {
        return entries.stream().map(e -> "entry " + e.slot() + " (type " + hex(e.type()) + ", LBA " + e.start() + ".."
                + (e.end() - 1) + ")").collect(Collectors.joining(", "));
    }

    /** Names the sector size when it is not 512, as the LBAs then count other units. */
    static String sectors(GuestDisk disk) {
        return disk.sectorSize() == GuestDisk.SECTOR ? "" : " in " + disk.sectorSize() + "-byte sectors";
    }

    static String hex(int b) {
        return String.format("0x%02X", b);
    }
}
