// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The NTFS boot sector: OEM name "NTFS    ", the BIOS parameter block NTFS uses (bytes per sector, sectors per
 * cluster with the negative-shift form for large clusters, total sectors, $MFT and $MFTMirr cluster numbers, MFT
 * record size in clusters or as a negative power of two) and 55 AA. Parsing never fails; {@link #problems()} lists
 * what cannot be right.
 */
record NtfsBootSector(byte[] raw) {

    static final int SIZE = 512;
    static final String OEM = "NTFS    ";
    /** Windows allows clusters up to 2 MiB. */
    static final long MAX_CLUSTER = 2L << 20;
    static final int MIN_RECORD = 256;
    static final int MAX_RECORD = 64 * 1024;

    NtfsBootSector {
        raw = raw.clone();
    }

    static NtfsBootSector of(ByteBuffer b) {
        byte[] a = new byte[SIZE];
        b.get(0, a, 0, Math.min(SIZE, b.limit()));
        return new NtfsBootSector(a);
    }

    private ByteBuffer le() {
        return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    }

    boolean hasOem() {
        return new String(raw, 3, 8, StandardCharsets.US_ASCII).equals(OEM);
    }

    int bytesPerSector() {
        return le().getShort(11) & 0xffff;
    }

    /** Sectors per cluster; a byte above 0x80 means 2^(256 - byte). 0 when the shift is absurd. */
    long sectorsPerCluster() {
        int s = raw[13] & 0xff;
        if (s <= 0x80) return s;
        int shift = 256 - s;
        return shift <= 31 ? 1L << shift : 0;
    }

    long clusterSize() {
        return bytesPerSector() * sectorsPerCluster();
    }

    long totalSectors() {
        return le().getLong(40);
    }

    long mftCluster() {
        return le().getLong(48);
    }

    long mftMirrCluster() {
        return le().getLong(56);
    }

    /** MFT record size in bytes: clusters when positive, 2^-n bytes when negative; 0 when impossible. */
    long mftRecordSize() {
        return recordSize(raw[64]);
    }

    long indexRecordSize() {
        return recordSize(raw[68]);
    }

    private long recordSize(byte v) {
        if (v > 0) return v * clusterSize();
        if (v < 0 && v >= -31) return 1L << -v;
        return 0;
    }

    long serial() {
        return le().getLong(72);
    }

    boolean signatureValid() {
        return (raw[510] & 0xff) == 0x55 && (raw[511] & 0xff) == 0xAA;
    }

    private static boolean powerOfTwo(long v) {
        return v > 0 && Long.bitCount(v) == 1;
    }

    /** What cannot be right; empty when the boot sector describes a usable NTFS. */
    List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!hasOem()) p.add("OEM name \"" + new String(raw, 3, 8, StandardCharsets.ISO_8859_1) + "\" is not \"NTFS    \"");
        if (!signatureValid()) p.add(String.format("bytes 510-511 are %02X %02X, not 55 AA", raw[510] & 0xff,
                raw[511] & 0xff));
        int bps = bytesPerSector();
        if (bps < 256 || bps > 4096 || !powerOfTwo(bps)) p.add("bytes per sector " + bps);
        long spc = sectorsPerCluster();
        if (!powerOfTwo(spc)) p.add("sectors per cluster byte 0x" + Integer.toHexString(raw[13] & 0xff));
        else if (clusterSize() > MAX_CLUSTER) p.add("clusters of " + clusterSize() + " bytes (over 2 MiB)");
        ByteBuffer b = le();
        if (b.getShort(14) != 0 || raw[16] != 0 || b.getShort(17) != 0 || b.getShort(19) != 0
                || b.getShort(22) != 0 || b.getInt(32) != 0) {
            p.add("FAT fields (reserved sectors, FATs, root entries, sectors, FAT size) that NTFS keeps 0 are set");
        }
        if (totalSectors() <= 0) p.add("total sectors " + totalSectors());
        long rec = mftRecordSize();
        if (rec < MIN_RECORD || rec > MAX_RECORD || !powerOfTwo(rec)) p.add("MFT record size byte " + raw[64]
                + " (" + rec + " bytes)");
        if (mftCluster() <= 0) p.add("$MFT at cluster " + mftCluster());
        if (mftMirrCluster() <= 0) p.add("$MFTMirr at cluster " + mftMirrCluster());
        return p;
    }
}
