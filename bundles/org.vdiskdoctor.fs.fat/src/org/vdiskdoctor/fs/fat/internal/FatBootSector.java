// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.fat.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The FAT boot sector and its BIOS parameter block (Microsoft FAT specification, "Boot Sector and BPB"), with the
 * values derived from it: FAT type by cluster count, first data sector, cluster count. Parsing never fails; what
 * cannot be right is listed by {@link #problems()}.
 */
record FatBootSector(byte[] raw) {

    static final int SIZE = 512;
    static final long MAX_FAT12 = 4085;
    static final long MAX_FAT16 = 65525;

    FatBootSector {
        raw = raw.clone();
    }

    static FatBootSector of(ByteBuffer b) {
        byte[] a = new byte[SIZE];
        b.get(0, a, 0, Math.min(SIZE, b.limit()));
        return new FatBootSector(a);
    }

    private ByteBuffer le() {
        return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    }

    private int u8(int at) {
        return raw[at] & 0xff;
    }

    private int u16(int at) {
        return le().getShort(at) & 0xffff;
    }

    private long u32(int at) {
        return le().getInt(at) & 0xffffffffL;
    }

    boolean jumpValid() {
        return (u8(0) == 0xEB && u8(2) == 0x90) || u8(0) == 0xE9;
    }

    String oem() {
        return new String(raw, 3, 8, StandardCharsets.US_ASCII);
    }

    int bytesPerSector() {
        return u16(11);
    }

    int sectorsPerCluster() {
        return u8(13);
    }

    int reservedSectors() {
        return u16(14);
    }

    int fatCount() {
        return u8(16);
    }

    int rootEntries() {
        return u16(17);
    }

    long totalSectors() {
        return u16(19) != 0 ? u16(19) : u32(32);
    }

    int media() {
        return u8(21);
    }

    /** The FAT32 layout: 16-bit FAT size 0, so the 32-bit fields at byte 36 follow. */
    boolean fat32Layout() {
        return u16(22) == 0;
    }

    long fatSectors() {
        return fat32Layout() ? u32(36) : u16(22);
    }

    long rootCluster() {
        return u32(44);
    }

    int fsInfoSector() {
        return u16(48);
    }

    int backupBootSector() {
        return u16(50);
    }

    /** The flags byte Linux and Windows NT use as the "mounted, dirty" bit (BS_Reserved1). */
    int ntFlags() {
        return u8(fat32Layout() ? 65 : 37);
    }

    int ntFlagsOffset() {
        return fat32Layout() ? 65 : 37;
    }

    private int extOffset() {
        return fat32Layout() ? 64 : 36;
    }

    boolean hasExtendedSignature() {
        int s = u8(extOffset() + 2);
        return s == 0x29 || s == 0x28;
    }

    long serial() {
        return u32(extOffset() + 3);
    }

    String label() {
        return hasExtendedSignature() ? new String(raw, extOffset() + 7, 11, StandardCharsets.US_ASCII).trim() : "";
    }

    String typeLabel() {
        return new String(raw, extOffset() + 18, 8, StandardCharsets.US_ASCII);
    }

    boolean signatureValid() {
        return u8(510) == 0x55 && u8(511) == 0xAA;
    }

    long rootDirSectors() {
        int bps = bytesPerSector();
        return bps == 0 ? 0 : ((long) rootEntries() * 32 + bps - 1) / bps;
    }

    /** First sector of the data area (cluster 2). */
    long firstDataSector() {
        return reservedSectors() + (long) fatCount() * fatSectors() + rootDirSectors();
    }

    long clusterCount() {
        long data = totalSectors() - firstDataSector();
        int spc = sectorsPerCluster();
        return data <= 0 || spc == 0 ? 0 : data / spc;
    }

    /** 12, 16 or 32, by cluster count as the specification says. */
    int fatBits() {
        long c = clusterCount();
        return c < MAX_FAT12 ? 12 : c < MAX_FAT16 ? 16 : 32;
    }

    /**
     * The FAT entry width a Linux driver uses: 32 for the FAT32 layout, else 12 or 16 by cluster count. The same as
     * {@link #fatBits()} unless the type is mismatched; the entries were written with this width.
     */
    int entryBits() {
        return fat32Layout() ? 32 : clusterCount() < MAX_FAT12 ? 12 : 16;
    }

    /** Cheap recognition: jump, a plausible geometry, and not another filesystem's OEM name. */
    boolean looksLikeFat() {
        String oem = oem();
        // BitLocker volumes keep a FAT-like boot sector ("FAT32" label included) under their own OEM name
        if (oem.equals("NTFS    ") || oem.equals("EXFAT   ") || oem.equals("-FVE-FS-")) return false;
        boolean fatText = typeLabel().startsWith("FAT") || new String(raw, 54, 3, StandardCharsets.US_ASCII)
                .equals("FAT") || new String(raw, 82, 3, StandardCharsets.US_ASCII).equals("FAT");
        boolean geometry = validSectorSize(bytesPerSector()) && powerOfTwo(sectorsPerCluster())
                && reservedSectors() >= 1 && fatCount() >= 1 && fatCount() <= 4;
        return (jumpValid() || u8(0) == 0xEB) && (geometry || fatText);
    }

    static boolean validSectorSize(int bps) {
        return bps == 512 || bps == 1024 || bps == 2048 || bps == 4096;
    }

    static boolean powerOfTwo(int v) {
        return v >= 1 && v <= 128 && Integer.bitCount(v) == 1;
    }

    /** What cannot be right in the parameter block; empty when it describes a usable filesystem. */
    List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!jumpValid()) p.add(String.format("jump instruction %02X %02X %02X is not EB xx 90 or E9", u8(0), u8(1),
                u8(2)));
        if (!validSectorSize(bytesPerSector())) p.add("bytes per sector " + bytesPerSector()
                + " (512, 1024, 2048 or 4096)");
        if (!powerOfTwo(sectorsPerCluster())) p.add("sectors per cluster " + sectorsPerCluster()
                + " (a power of two, 1-128)");
        if (reservedSectors() == 0) p.add("0 reserved sectors");
        if (fatCount() == 0) p.add("0 FATs");
        if (totalSectors() == 0) p.add("0 total sectors");
        if (fatSectors() == 0) p.add("a FAT of 0 sectors");
        int m = media();
        if (m != 0xF0 && m < 0xF8) p.add(String.format("media byte 0x%02X", m));
        if (!p.isEmpty()) return p;
        if (firstDataSector() >= totalSectors()) {
            p.add("reserved sectors, FATs and root directory (" + firstDataSector() + " sectors) fill the "
                    + totalSectors() + " sectors of the volume");
            return p;
        }
        long needed = (clusterCount() + 2) * fatBits() / 8;
        if (fatSectors() * bytesPerSector() < needed) p.add("a FAT of " + fatSectors() + " sectors cannot hold "
                + clusterCount() + " clusters");
        if (fat32Layout()) {
            if (rootEntries() != 0) p.add("FAT32 with " + rootEntries() + " fixed root directory entries");
            long root = rootCluster();
            if (root < 2 || root > clusterCount() + 1) p.add("root cluster " + root + " outside clusters 2-"
                    + (clusterCount() + 1));
        } else if (rootEntries() == 0) {
            p.add("FAT12/16 with no root directory entries");
        }
        return p;
    }

    String typeName() {
        return "FAT" + fatBits();
    }
}
