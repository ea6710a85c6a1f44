// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The ext2/3/4 superblock (kernel {@code Documentation/filesystems/ext4/super.rst}): the 1024 bytes at byte 1024 of
 * the volume, or at the start of a backup group. Holds the raw bytes and decodes fields on demand; nothing here is
 * trusted, the checks bound every value before it is used.
 */
final class Superblock {

    static final int SIZE = 1024;
    /** Byte offset of the primary superblock in the volume. */
    static final int PRIMARY_OFFSET = 1024;
    static final int MAGIC = 0xEF53;
    static final int CHECKSUM_OFFSET = 0x3FC;
    /** s_log_block_size may be 0..6: 1 KiB to 64 KiB blocks. */
    static final int MAX_LOG_BLOCK_SIZE = 6;

    static final int STATE_VALID = 0x1;
    static final int STATE_ERRORS = 0x2;
    static final int STATE_ORPHANS = 0x4;

    private final ByteBuffer b;

    Superblock(ByteBuffer bytes) {
        ByteBuffer copy = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer src = bytes.duplicate();
        src.limit(Math.min(src.limit(), src.position() + SIZE));
        copy.put(src);
        this.b = copy.clear();
    }

    private long u32(int off) {
        return Integer.toUnsignedLong(b.getInt(off));
    }

    private int u16(int off) {
        return Short.toUnsignedInt(b.getShort(off));
    }

    byte[] bytes() {
        byte[] a = new byte[SIZE];
        b.get(0, a);
        return a;
    }

    boolean hasMagic() {
        return u16(0x38) == MAGIC;
    }

    long inodesCount() {
        return u32(0x0);
    }

    /** s_blocks_count, with the high 32 bits only when the 64bit feature is on. */
    long blocksCount() {
        long lo = u32(0x4);
        return Features.has64bit(this) ? lo | (u32(0x150) << 32) : lo;
    }

    long firstDataBlock() {
        return u32(0x14);
    }

    long logBlockSize() {
        return u32(0x18);
    }

    /** 1024 << s_log_block_size; only meaningful once {@link #logBlockSize()} was checked. */
    int blockSize() {
        return 1024 << (int) Math.min(logBlockSize(), MAX_LOG_BLOCK_SIZE);
    }

    long logClusterSize() {
        return u32(0x1C);
    }

    long blocksPerGroup() {
        return u32(0x20);
    }

    long clustersPerGroup() {
        return u32(0x24);
    }

    long inodesPerGroup() {
        return u32(0x28);
    }

    long mountTime() {
        return u32(0x2C);
    }

    int mountCount() {
        return u16(0x34);
    }

    /** s_max_mnt_count is signed: -1 (or 0) switches the mount-count check off. */
    int maxMountCount() {
        return b.getShort(0x36);
    }

    int state() {
        return u16(0x3A);
    }

    /** s_errors: 1 continue, 2 remount read-only, 3 panic. */
    int errorsBehaviour() {
        return u16(0x3C);
    }

    long lastCheck() {
        return u32(0x40);
    }

    long checkInterval() {
        return u32(0x44);
    }

    long revLevel() {
        return u32(0x4C);
    }

    int inodeSize() {
        return revLevel() == 0 ? 128 : u16(0x58);
    }

    int blockGroupNr() {
        return u16(0x5A);
    }

    int compat() {
        return b.getInt(0x5C);
    }

    int incompat() {
        return b.getInt(0x60);
    }

    int roCompat() {
        return b.getInt(0x64);
    }

    byte[] uuidBytes() {
        byte[] u = new byte[16];
        b.get(0x68, u);
        return u;
    }

    String uuid() {
        byte[] u = uuidBytes();
        StringBuilder s = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) s.append('-');
            s.append(String.format("%02x", u[i] & 0xff));
        }
        return s.toString();
    }

    /** s_volume_name, up to the first NUL, printable characters only. */
    String label() {
        byte[] l = new byte[16];
        b.get(0x78, l);
        int n = 0;
        while (n < l.length && l[n] != 0) n++;
        return new String(l, 0, n, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
    }

    long lastOrphan() {
        return u32(0xE8);
    }

    int descSizeField() {
        return u16(0xFE);
    }

    long firstMetaBg() {
        return u32(0x104);
    }

    long errorCount() {
        return u32(0x194);
    }

    /** s_backup_bgs[0..1] of sparse_super2. */
    long backupGroup(int i) {
        return u32(0x24C + 4 * i);
    }

    long checksumSeedField() {
        return u32(0x270);
    }

    int checksumType() {
        return b.get(0x175) & 0xff;
    }

    int storedChecksum() {
        return b.getInt(CHECKSUM_OFFSET);
    }

    /** CRC-32C (seed ~0, no final xor) over bytes 0..0x3FB, as the kernel's ext4_superblock_csum. */
    int computedChecksum() {
        byte[] a = bytes();
        return Crc.crc32c(0xFFFFFFFF, a, 0, CHECKSUM_OFFSET);
    }

    /** The seed of every metadata_csum checksum: s_checksum_seed with csum_seed, else crc32c(~0, uuid). */
    int checksumSeed() {
        if ((incompat() & Features.INCOMPAT_CSUM_SEED) != 0) return (int) checksumSeedField();
        byte[] u = uuidBytes();
        return Crc.crc32c(0xFFFFFFFF, u, 0, u.length);
    }
}
