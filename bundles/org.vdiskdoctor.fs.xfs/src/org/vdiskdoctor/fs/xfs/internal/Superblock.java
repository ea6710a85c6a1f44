// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An XFS superblock (struct xfs_dsb, big-endian) as read from the first sector of an allocation group: the primary
 * at byte 0 of the volume, secondaries at the start of every other AG. Field offsets follow
 * {@code libxfs/xfs_format.h}; the checks follow the kernel's {@code xfs_validate_sb_common}.
 */
record Superblock(int magic, long blockSize, long dblocks, byte[] uuid, long logStart, long rootIno, long agBlocks,
        long agCount, long logBlocks, int versionNum, int sectSize, int inodeSize, String label, int blockLog,
        int sectLog, int inodeLog, int agBlkLog, int inProgress, int featuresCompat, int featuresRoCompat,
        int featuresIncompat, int crc, byte[] metaUuid, byte[] raw) {

    static final int MAGIC = 0x58465342; // "XFSB"
    static final int CRC_OFFSET = 224;
    /** Bytes of the structure we read before knowing the sector size: the smallest sector. */
    static final int MIN_SECTOR = 512;
    static final int MAX_SECTOR = 32768;
    static final int MIN_BLOCK = 512;
    static final int MAX_BLOCK = 65536;
    /** More AGs than any real filesystem has (mkfs makes a few per disk); bounds the secondary superblock scan. */
    static final long MAX_AG_COUNT = 1 << 20;
    /** XFS_MIN_AG_BLOCKS. */
    static final long MIN_AG_BLOCKS = 64;
    /** XFS_MAX_AG_BYTES: 1 TiB. */
    static final long MAX_AG_BYTES = 1L << 40;

    static final int INCOMPAT_META_UUID = 1 << 2;
    static final int INCOMPAT_NEEDS_REPAIR = 1 << 4;
    /** ftype, spinodes, meta_uuid, bigtime, needsrepair, nrext64, exchrange, parent, metadir, zoned (Linux 6.15). */
    static final int INCOMPAT_KNOWN = 0x3ff;
    /** finobt, rmapbt, reflink, inobtcount. */
    static final int RO_COMPAT_KNOWN = 0xf;

    /** Parses the first {@code b.remaining()} bytes (at least {@link #MIN_SECTOR}) of a superblock sector. */
    static Superblock parse(ByteBuffer b) {
        ByteBuffer s = b.duplicate().order(ByteOrder.BIG_ENDIAN);
        byte[] raw = new byte[s.remaining()];
        s.get(s.position(), raw);
        s = ByteBuffer.wrap(raw).order(ByteOrder.BIG_ENDIAN);
        byte[] uuid = new byte[16];
        s.get(32, uuid);
        byte[] meta = new byte[16];
        s.get(248, meta);
        int end = 108;
        while (end < 120 && raw[end] != 0) end++;
        String label = new String(raw, 108, end - 108, StandardCharsets.ISO_8859_1);
        return new Superblock(s.getInt(0), u32(s, 4), s.getLong(8), uuid, s.getLong(48), s.getLong(56), u32(s, 84),
                u32(s, 88), u32(s, 96), s.getShort(100) & 0xffff, s.getShort(102) & 0xffff, s.getShort(104) & 0xffff,
                label, raw[120] & 0xff, raw[121] & 0xff, raw[122] & 0xff, raw[124] & 0xff, raw[126] & 0xff,
                s.getInt(208), s.getInt(212), s.getInt(216), s.order(ByteOrder.LITTLE_ENDIAN).getInt(CRC_OFFSET),
                meta, raw);
    }

    private static long u32(ByteBuffer s, int at) {
        return s.getInt(at) & 0xffff_ffffL;
    }

    boolean magicOk() {
        return magic == MAGIC;
    }

    int version() {
        return versionNum & 0xf;
    }

    boolean isV5() {
        return version() == 5;
    }

    /** Bytes the filesystem claims: dblocks × block size, saturated instead of overflowing. */
    long bytes() {
        if (dblocks < 0 || blockSize == 0) return Long.MAX_VALUE;
        return dblocks > Long.MAX_VALUE / blockSize ? Long.MAX_VALUE : dblocks * blockSize;
    }

    long agBytes() {
        return agBlocks * blockSize; // both checked by geometryProblems: at most 1 TiB
    }

    String uuidText() {
        String h = HexFormat.of().formatHex(uuid);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    /**
     * What makes this superblock unusable, as xfs_repair and the kernel would refuse it: version, sizes and their
     * logarithms, AG geometry. Empty when the geometry can be trusted for locating AGs and the log.
     */
    List<String> geometryProblems() {
        List<String> p = new ArrayList<>();
        if (version() != 4 && version() != 5) p.add("version number " + version() + " is neither 4 nor 5");
        if (!pow2(sectSize, MIN_SECTOR, MAX_SECTOR) || 1 << sectLog != sectSize) {
            p.add("sector size " + sectSize + " (log " + sectLog + ") is not a power of two from 512 to 32768");
        }
        boolean blockOk = pow2(blockSize, MIN_BLOCK, MAX_BLOCK) && 1L << blockLog == blockSize;
        if (!blockOk) {
            p.add("block size " + blockSize + " (log " + blockLog + ") is not a power of two from 512 to 65536");
        } else if (blockSize < sectSize) {
            p.add("block size " + blockSize + " is smaller than the sector size " + sectSize);
        }
        if (!pow2(inodeSize, 256, 2048) || 1 << inodeLog != inodeSize) {
            p.add("inode size " + inodeSize + " (log " + inodeLog + ") is not a power of two from 256 to 2048");
        }
        if (blockOk) {
            if (agBlocks < MIN_AG_BLOCKS || agBlocks * blockSize > MAX_AG_BYTES) {
                p.add("AG size " + agBlocks + " blocks is outside 64 blocks .. 1 TiB");
            } else if (agBlkLog != 64 - Long.numberOfLeadingZeros(agBlocks - 1)) {
                p.add("agblklog " + agBlkLog + " does not match " + agBlocks + " blocks per AG");
            }
        }
        if (agCount < 1 || agCount > MAX_AG_COUNT) p.add("AG count " + agCount + " is outside 1 .. " + MAX_AG_COUNT);
        if (p.isEmpty()) {
            long full = (agCount - 1) * agBlocks;
            if (dblocks <= full || dblocks > full + agBlocks) {
                p.add(dblocks + " blocks do not fit " + agCount + " AGs of " + agBlocks + " blocks");
            } else if (agCount > 1 && dblocks - full < MIN_AG_BLOCKS) {
                p.add("the last AG has " + (dblocks - full) + " blocks, fewer than 64");
            }
        }
        return p;
    }

    private static boolean pow2(long v, long min, long max) {
        return v >= min && v <= max && Long.bitCount(v) == 1;
    }

    /** Whether the raw sector holds at least {@link #sectSize} bytes, so that the CRC can be checked. */
    boolean hasWholeSector() {
        return sectSize >= MIN_SECTOR && raw.length >= sectSize;
    }

    /** CRC-32C over the sector with sb_crc as zero, as xfs_buf_verify_cksum computes it. */
    int computedCrc() {
        return crcOf(raw, Math.min(raw.length, sectSize), CRC_OFFSET);
    }

    boolean crcOk() {
        return computedCrc() == crc;
    }

    /** CRC-32C of {@code length} bytes of {@code b} with the 4-byte little-endian field at {@code crcAt} zeroed. */
    static int crcOf(byte[] b, int length, int crcAt) {
        CRC32C c = new CRC32C();
        c.update(b, 0, crcAt);
        c.update(new byte[4]);
        c.update(b, crcAt + 4, length - crcAt - 4);
        return (int) c.getValue();
    }

    /** Whether the internal log lies inside one AG of the filesystem (logstart is agno &lt;&lt; agblklog | agbno). */
    boolean logInsideFilesystem() {
        if (logStart == 0) return true; // external log device: nothing to check here
        long agno = logStart >>> agBlkLog;
        long agbno = logStart & ((1L << agBlkLog) - 1);
        return agno < agCount && logBlocks > 0 && agbno + logBlocks <= agBlocks
                && agno * agBlocks + agbno + logBlocks <= dblocks;
    }

    /** Volume byte of the internal log; valid only when {@link #logInsideFilesystem()}. */
    long logByteOffset() {
        long agno = logStart >>> agBlkLog;
        long agbno = logStart & ((1L << agBlkLog) - 1);
        return (agno * agBlocks + agbno) * blockSize;
    }

    /** The UUID stamped into v5 metadata: sb_meta_uuid when the meta_uuid feature is set, else sb_uuid. */
    byte[] metadataUuid() {
        return (featuresIncompat & INCOMPAT_META_UUID) != 0 ? metaUuid : uuid;
    }
}
