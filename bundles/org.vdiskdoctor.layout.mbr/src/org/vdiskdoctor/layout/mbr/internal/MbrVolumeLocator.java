// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.mbr.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.core.spi.GuestDisk;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.VolumeLocator;

/**
 * The primary and logical partitions of an MBR that lie inside the disk, for filesystem probes; and the MBR as a
 * structure tree for {@code inspect}. A protective MBR (GPT disks) yields none: the GPT locator owns those disks.
 * Quiet: {@link MbrProbe} reports what is wrong.
 */
@Component(service = VolumeLocator.class, property = VolumeLocator.ID_PROPERTY + "=" + MbrProbe.ID)
public final class MbrVolumeLocator implements VolumeLocator {

    private static final Map<Integer, String> TYPES = Map.ofEntries(Map.entry(0x01, "FAT12"),
            Map.entry(0x04, "FAT16 <32M"), Map.entry(0x06, "FAT16"), Map.entry(0x07, "NTFS/exFAT"),
            Map.entry(0x0b, "FAT32"), Map.entry(0x0c, "FAT32 LBA"), Map.entry(0x0e, "FAT16 LBA"),
            Map.entry(0x27, "Windows recovery"), Map.entry(0x82, "Linux swap"), Map.entry(0x83, "Linux"),
            Map.entry(0x8e, "Linux LVM"), Map.entry(0xef, "EFI system"), Map.entry(0xfd, "Linux RAID"));

    @Override
    public String id() {
        return MbrProbe.ID;
    }

    @Override
    public List<Volume> locate(GuestDisk disk, Monitor monitor) throws IOException {
        if (disk.sectors() < 1) return List.of();
        MbrLayout layout = MbrLayout.read(disk, monitor);
        if (!layout.isPartitionTable()) return List.of();
        disk = layout.disk();
        List<Volume> out = new ArrayList<>();
        for (MbrEntry e : layout.mbr().used()) {
            if (!e.extended()) add(out, disk, e.slot(), e.type(), e.start(), e.count(), "primary");
        }
        for (EbrChain.Logical l : layout.logicals()) add(out, disk, l.number(), l.type(), l.start(), l.count(), "logical");
        return out;
    }

    private static void add(List<Volume> out, GuestDisk disk, int number, int type, long start, long count,
            String kind) {
        if (count <= 0 || !disk.contains(start, count)) return;
        String label = "MBR " + kind + " partition " + number + " (type " + MbrProbe.hex(type)
                + (TYPES.containsKey(type) ? " " + TYPES.get(type) : "") + (disk.sectorSize() == GuestDisk.SECTOR ? ""
                : ", " + disk.sectorSize() + "-byte sectors") + ")";
        out.add(new Volume("mbr:" + number, start * disk.sectorSize(), count * disk.sectorSize(), "mbr", label, null));
    }

    @Override
    public StructureNode describe(GuestDisk disk, Monitor monitor) throws IOException {
        if (disk.sectors() < 1) return null;
        MbrLayout layout = MbrLayout.read(disk, monitor);
        return layout.isPartitionTable() ? layout.describe() : null;
    }
}
