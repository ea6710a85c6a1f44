// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.mbr.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.vdiskdoctor.core.spi.GuestDisk;

/**
 * The logical sector size an MBR was written for. An MBR counts in the disk's logical sectors, but unlike a GPT it
 * carries no mark of their size: on a 4K-native disk (fdisk -b 4096, a 4Kn drive, Windows on a 4Kn disk) partition 1
 * at LBA 256 starts at byte 1 MiB, read as 512-byte sectors at 128 KiB. For disks whose format records no size (raw,
 * QCOW2, VMDK, VDI, VHD: {@link GuestDisk#sectorSize()} 512), the content decides: 4096-byte sectors are taken only
 * when every entry fits the disk in them, at least one partition starts with something recognisable there (a boot
 * sector, an ext2/3/4, XFS, btrfs, LVM, LUKS or swap signature, of a recorded size that fits the entry; an EBR for
 * an extended entry), and none does at the 512-byte places. Anything less is left at 512, as every tool reads it.
 */
final class MbrSectors {

    /** The sector size of 4K-native disks. */
    static final int NATIVE_4K = 4096;

    /** Bytes read at a partition's start: enough for btrfs's superblock at 64 KiB. */
    private static final int HEAD = 65_536 + 4096;

    private MbrSectors() {
    }

    /** {@code disk} in the sectors {@code mbr}'s partitions were written for (see the class comment). */
    static GuestDisk choose(GuestDisk disk, BootSector mbr) throws IOException {
        if (disk.sectorSize() != GuestDisk.SECTOR) return disk; // the format records its size: the guest sees that
        GuestDisk big = disk.withSectorSize(NATIVE_4K);
        boolean any = false;
        for (MbrEntry e : mbr.used()) {
            if (e.count() <= 0) continue;
            if (e.end() > big.sectors()) return disk;
            any = true;
        }
        if (!any) return disk;
        int atNative = 0;
        for (MbrEntry e : mbr.used()) {
            if (e.count() <= 0) continue;
            if (recognised(disk, e)) return disk;
            if (recognised(big, e)) atNative++;
        }
        return atNative > 0 ? big : disk;
    }

    /**
     * Whether {@code e}'s first bytes, in {@code disk}'s sectors, hold what such a partition starts with, and a
     * filesystem that records its size fits the entry's length counted in those sectors (so that the start of a
     * neighbour, met at the wrong place, does not count).
     */
    static boolean recognised(GuestDisk disk, MbrEntry e) throws IOException {
        long at = e.start() * disk.sectorSize();
        long bytes = disk.sectors() * disk.sectorSize();
        if (at <= 0 || at >= bytes) return false;
        ByteBuffer b = disk.readBytes(at, (int) Math.min(HEAD, bytes - at));
        if (e.extended()) return bootSignature(b);
        long claimed = claimedBytes(b);
        if (claimed == 0) return false;
        return claimed < 0 || claimed <= e.count() * disk.sectorSize();
    }

    /**
     * The size the filesystem at the start of {@code b} records, -1 for a known signature without one (btrfs, LUKS,
     * swap, LVM), 0 for nothing known.
     */
    static long claimedBytes(ByteBuffer b) {
        b.order(ByteOrder.LITTLE_ENDIAN);
        if (bootSector(b)) {
            long perSector = b.getShort(11) & 0xffff;
            if (ascii(b, 3, "NTFS    ")) return perSector * b.getLong(0x28);
            if (ascii(b, 3, "EXFAT   ")) return b.getLong(72) << Math.min(b.get(108) & 0xff, 16);
            long small = b.getShort(19) & 0xffff;
            return perSector * (small != 0 ? small : Integer.toUnsignedLong(b.getInt(32)));
        }
        if (b.limit() >= 1024 + 0x160 && (b.getShort(1024 + 56) & 0xffff) == 0xEF53) { // ext2/3/4
            int log = b.getInt(1024 + 24);
            if (log < 0 || log > 6) return 0;
            long blocks = Integer.toUnsignedLong(b.getInt(1024 + 4));
            if ((b.getInt(1024 + 0x60) & 0x80) != 0) blocks |= Integer.toUnsignedLong(b.getInt(1024 + 0x150)) << 32;
            return blocks << (10 + log);
        }
        if (ascii(b, 0, "XFSB") && b.limit() >= 16) {
            b.order(ByteOrder.BIG_ENDIAN);
            long size = Integer.toUnsignedLong(b.getInt(4));
            long blocks = b.getLong(8);
            b.order(ByteOrder.LITTLE_ENDIAN);
            return size > 0 && size <= 65536 && blocks > 0 && blocks <= Long.MAX_VALUE / size ? size * blocks : 0;
        }
        return ascii(b, 0, "LUKS\u00ba\u00be") || ascii(b, 65_600, "_BHRfS_M") || ascii(b, 4086, "SWAPSPACE2")
                || ascii(b, 4086, "SWAP-SPACE") || lvm(b) ? -1 : 0;
    }

    /** A filesystem's boot sector (FAT, NTFS, exFAT): a jump instruction and 55 AA. */
    private static boolean bootSector(ByteBuffer b) {
        if (b.limit() < 512) return false;
        int jump = b.get(0) & 0xff;
        return (jump == 0xEB || jump == 0xE9) && bootSignature(b);
    }

    private static boolean bootSignature(ByteBuffer b) {
        return b.limit() >= 512 && (b.get(510) & 0xff) == 0x55 && (b.get(511) & 0xff) == 0xAA;
    }

    /** An LVM2 physical volume label in one of the first four 512-byte sectors. */
    private static boolean lvm(ByteBuffer b) {
        for (int s = 0; s < 4; s++) {
            if (ascii(b, s * 512, "LABELONE")) return true;
        }
        return false;
    }

    private static boolean ascii(ByteBuffer b, int at, String text) {
        byte[] want = text.getBytes(StandardCharsets.ISO_8859_1);
        if (b.limit() < at + want.length) return false;
        for (int i = 0; i < want.length; i++) {
            if (b.get(at + i) != want[i]) return false;
        }
        return true;
    }
}
