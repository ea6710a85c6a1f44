// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.fs.ext4.Ext4Codes;

/**
 * The group descriptor table (after the superblock's block, or spread over meta groups with meta_bg): where each
 * group's block bitmap, inode bitmap and inode table lie, and each descriptor's checksum (crc16 with gdt_csum,
 * the low 16 bits of crc32c with metadata_csum).
 */
final class GroupDescriptors {

    /** Groups read per filesystem: 2^17 descriptors of 64 bytes are 8 MiB (a 16 TiB filesystem). */
    static final long MAX_GROUPS = 1L << 17;
    /** Findings per kind before one summary with the count. */
    static final int MAX_REPORTED = 8;
    private static final int CHECKSUM_OFFSET = 0x1E;

    private final GuestVolume v;
    private final Geometry g;
    private final FindingSink sink;
    private final int seed;
    private int badChecksums;
    private int outside;

    private GroupDescriptors(GuestVolume v, Geometry g, FindingSink sink) {
        this.v = v;
        this.g = g;
        this.sink = sink;
        this.seed = g.sb().checksumSeed();
    }

    static void check(GuestVolume v, Geometry g, FindingSink sink, Monitor monitor) throws IOException {
        new GroupDescriptors(v, g, sink).run(monitor);
    }

    private void run(Monitor monitor) throws IOException {
        long groups = Math.min(g.groups(), MAX_GROUPS);
        int perBlock = g.blockSize() / g.descSize();
        long blocks = (groups + perBlock - 1) / perBlock;
        for (long i = 0; i < blocks; i++) {
            monitor.checkpoint();
            long block = descriptorBlock(i, perBlock);
            long offset = block * g.blockSize();
            if (!g.inside(block, 1) || !v.contains(offset, g.blockSize())) {
                sink.report(v.finding(Ext4Codes.GROUP_OUTSIDE, "block " + block + " of the group descriptor table "
                        + "(groups " + i * perBlock + "+) lies outside the "
                        + (g.inside(block, 1) ? "volume" : "filesystem of " + g.blocksCount() + " blocks")
                        + "; the groups it describes cannot be found", 0, 0));
                return;
            }
            ByteBuffer b = v.read(offset, g.blockSize());
            for (int k = 0; k < perBlock && i * perBlock + k < groups; k++) {
                descriptor(i * perBlock + k, b, k * g.descSize(), offset + (long) k * g.descSize());
            }
        }
        summary(Ext4Codes.GROUP_CHECKSUM, badChecksums, "group descriptors have a wrong checksum");
        summary(Ext4Codes.GROUP_OUTSIDE, outside, "group descriptors point outside the filesystem");
    }

    /** Block of descriptor block {@code i}: contiguous after the superblock, or first in its meta group (meta_bg). */
    private long descriptorBlock(long i, int perBlock) {
        boolean metaBg = (g.sb().incompat() & Features.INCOMPAT_META_BG) != 0;
        if (!metaBg || i < g.sb().firstMetaBg()) return g.firstDataBlock() + 1 + i;
        long group = i * perBlock;
        return g.groupStart(group) + (g.hasSuper(group) ? 1 : 0);
    }

    private void descriptor(long group, ByteBuffer b, int at, long volumeOffset) {
        Superblock sb = g.sb();
        boolean wide = g.descSize() >= 64;
        long blockBitmap = u32(b, at) | (wide ? u32(b, at + 0x20) << 32 : 0);
        long inodeBitmap = u32(b, at + 4) | (wide ? u32(b, at + 0x24) << 32 : 0);
        long inodeTable = u32(b, at + 8) | (wide ? u32(b, at + 0x28) << 32 : 0);
        long itBlocks = (g.inodesPerGroup() * g.inodeSize() + g.blockSize() - 1) / g.blockSize();
        StringBuilder bad = new StringBuilder();
        if (!g.inside(blockBitmap, 1)) bad.append(" block bitmap at block ").append(blockBitmap);
        if (!g.inside(inodeBitmap, 1)) bad.append(" inode bitmap at block ").append(inodeBitmap);
        if (!g.inside(inodeTable, itBlocks)) {
            bad.append(" inode table at blocks ").append(inodeTable).append("+").append(itBlocks);
        }
        if (bad.length() > 0 && ++outside <= MAX_REPORTED) {
            sink.report(v.finding(Ext4Codes.GROUP_OUTSIDE, "group " + group + " descriptor points outside the "
                    + "filesystem of " + g.blocksCount() + " blocks:" + bad, volumeOffset, g.descSize()));
        }
        if (!Features.hasMetadataCsum(sb) && !Features.hasGdtCsum(sb)) return;
        int stored = Short.toUnsignedInt(b.getShort(at + CHECKSUM_OFFSET));
        int computed = checksum(group, b, at);
        if (stored != computed && ++badChecksums <= MAX_REPORTED) {
            sink.report(v.finding(Ext4Codes.GROUP_CHECKSUM, String.format("group %d descriptor checksum 0x%04x, "
                    + "its bytes give 0x%04x (%s)", group, stored, computed,
                    Features.hasMetadataCsum(sb) ? "crc32c, metadata_csum" : "crc16, gdt_csum"), volumeOffset,
                    g.descSize()));
        }
    }

    private int checksum(long group, ByteBuffer b, int at) {
        byte[] d = new byte[g.descSize()];
        b.get(at, d);
        byte[] nr = { (byte) group, (byte) (group >>> 8), (byte) (group >>> 16), (byte) (group >>> 24) };
        if (Features.hasMetadataCsum(g.sb())) {
            d[CHECKSUM_OFFSET] = 0;
            d[CHECKSUM_OFFSET + 1] = 0;
            int c = Crc.crc32c(seed, nr, 0, 4);
            return Crc.crc32c(c, d, 0, d.length) & 0xffff;
        }
        byte[] uuid = g.sb().uuidBytes();
        int c = Crc.crc16(0xffff, uuid, 0, uuid.length);
        c = Crc.crc16(c, nr, 0, 4);
        c = Crc.crc16(c, d, 0, CHECKSUM_OFFSET);
        return Crc.crc16(c, d, CHECKSUM_OFFSET + 2, d.length - CHECKSUM_OFFSET - 2);
    }

    private void summary(FindingCode code, int count, String what) {
        if (count > MAX_REPORTED) {
            sink.report(v.finding(code, count + " " + what + " in all (the first " + MAX_REPORTED
                    + " are reported one by one)", 0, 0));
        }
    }

    private static long u32(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }
}
