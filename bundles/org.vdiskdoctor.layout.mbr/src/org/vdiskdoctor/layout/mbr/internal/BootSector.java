// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.mbr.internal;

import org.vdiskdoctor.core.spi.GuestDisk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * LBA 0 as an MBR: the 55 AA signature at byte 510 and four partition entries at 446. Also tells the sectors that
 * carry the signature without being a partition table: the boot sector of a FAT, NTFS or exFAT filesystem made on
 * the whole disk (the kernel's msdos partition code makes the same exception for FAT).
 */
record BootSector(boolean allZero, boolean signature, boolean volumeBootRecord, boolean wholeDiskMagic,
        List<MbrEntry> entries) {

    static BootSector read(GuestDisk disk) throws IOException {
        return parse(disk.read(0, 1));
    }

    static BootSector parse(ByteBuffer s) {
        boolean zero = true;
        for (int i = 0; i < GuestDisk.SECTOR && zero; i++) zero = s.get(i) == 0;
        boolean sig = (s.get(510) & 0xff) == 0x55 && (s.get(511) & 0xff) == 0xAA;
        List<MbrEntry> entries = new ArrayList<>(4);
        for (int slot = 1; slot <= 4; slot++) entries.add(MbrEntry.read(s, slot));
        return new BootSector(zero, sig, isVolumeBootRecord(s), hasWholeDiskMagic(s), List.copyOf(entries));
    }

    /** A FAT boot sector (reserved sectors, FAT count and a valid media byte) or an NTFS / exFAT one (OEM id). */
    private static boolean isVolumeBootRecord(ByteBuffer s) {
        String oem = ascii(s, 3, 8);
        if (oem.equals("NTFS    ") || oem.equals("EXFAT   ")) return true;
        int jump = s.get(0) & 0xff;
        if (jump != 0xEB && jump != 0xE9) return false;
        int reserved = s.getShort(0x0E) & 0xffff;
        int fats = s.get(0x10) & 0xff;
        int media = s.get(0x15) & 0xff;
        return reserved != 0 && fats != 0 && (media == 0xF0 || media >= 0xF8);
    }

    /** Filesystems and containers that start at byte 0 of a whole disk and have no 55 AA: XFS, LUKS. */
    private static boolean hasWholeDiskMagic(ByteBuffer s) {
        return ascii(s, 0, 4).equals("XFSB") || ascii(s, 0, 6).equals("LUKS\u00ba\u00be");
    }

    private static String ascii(ByteBuffer s, int at, int length) {
        byte[] b = new byte[length];
        s.get(at, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    List<MbrEntry> used() {
        return entries.stream().filter(MbrEntry::used).toList();
    }

    boolean hasProtectiveEntry() {
        return entries.stream().anyMatch(e -> e.type() == MbrEntry.TYPE_PROTECTIVE);
    }
}
