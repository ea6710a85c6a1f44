// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The block-group layout a superblock describes, built only from fields that passed {@link #problems}: block size,
 * group size and count, where each group starts and which groups carry a superblock backup.
 */
record Geometry(Superblock sb, int blockSize, long blocksCount, long firstDataBlock, long blocksPerGroup,
        long inodesPerGroup, long groups, int descSize, int inodeSize) {

    /** No real filesystem has more blocks; it keeps every block number times the block size inside a long. */
    static final long MAX_BLOCKS = 1L << 46;

    /** Groups beyond this are not counted (2^32 groups of 8 blocks is already more than 64-bit block numbers hold). */
    static final long MAX_GROUPS = 1L << 32;

    /** Why {@code sb} has no usable geometry; empty when {@link #of} may be used. */
    static List<String> problems(Superblock sb) {
        List<String> p = new ArrayList<>();
        if (sb.logBlockSize() > Superblock.MAX_LOG_BLOCK_SIZE) {
            p.add("s_log_block_size " + sb.logBlockSize() + " (blocks of 1 KiB to 64 KiB have 0 to 6)");
            return p;
        }
        int bs = sb.blockSize();
        long ratio = clusterRatio(sb);
        if (ratio < 0) p.add("s_log_cluster_size " + sb.logClusterSize() + " does not fit s_log_block_size "
                + sb.logBlockSize());
        long perGroupLimit = 8L * bs * Math.max(1, ratio);
        if (sb.blocksPerGroup() == 0 || sb.blocksPerGroup() > perGroupLimit) {
            p.add("s_blocks_per_group " + sb.blocksPerGroup() + " (1 to " + perGroupLimit + " with " + bs
                    + "-byte blocks)");
        }
        if (sb.inodesPerGroup() == 0 || sb.inodesPerGroup() > 8L * bs) {
            p.add("s_inodes_per_group " + sb.inodesPerGroup() + " (1 to " + 8L * bs + ")");
        }
        int is = sb.inodeSize();
        if (is < 128 || is > bs || Integer.bitCount(is) != 1) {
            p.add("s_inode_size " + is + " (a power of two from 128 to the block size " + bs + ")");
        }
        long fdb = bs == 1024 && ratio == 1 ? 1 : 0;
        if (sb.firstDataBlock() != fdb) {
            p.add("s_first_data_block " + sb.firstDataBlock() + " (" + fdb + " with " + bs + "-byte blocks)");
        }
        if (sb.blocksCount() < 0 || sb.blocksCount() > MAX_BLOCKS) {
            p.add("s_blocks_count " + Long.toUnsignedString(sb.blocksCount()) + " (more than 2^46 blocks)");
        } else if (sb.blocksCount() <= sb.firstDataBlock()) {
            p.add("s_blocks_count " + sb.blocksCount() + " leaves no block after the first data block");
        }
        if (Features.has64bit(sb)) {
            int ds = sb.descSizeField();
            if (ds < 64 || ds > 1024 || Integer.bitCount(ds) != 1) {
                p.add("s_desc_size " + ds + " (64bit feature: a power of two from 64 to 1024)");
            }
        }
        if (p.isEmpty() && groups(sb) > MAX_GROUPS) p.add(groups(sb) + " block groups");
        return p;
    }

    /** The geometry of a superblock whose {@link #problems} list is empty. */
    static Geometry of(Superblock sb) {
        int ds = Features.has64bit(sb) ? sb.descSizeField() : 32;
        return new Geometry(sb, sb.blockSize(), sb.blocksCount(), sb.firstDataBlock(), sb.blocksPerGroup(),
                sb.inodesPerGroup(), groups(sb), ds, sb.inodeSize());
    }

    /** Blocks per cluster with bigalloc (1 without); -1 when the sizes do not fit together. */
    private static long clusterRatio(Superblock sb) {
        if ((sb.roCompat() & Features.RO_COMPAT_BIGALLOC) == 0) return 1;
        long d = sb.logClusterSize() - sb.logBlockSize();
        return d < 0 || d > 16 ? -1 : 1L << d;
    }

    private static long groups(Superblock sb) {
        long data = sb.blocksCount() - sb.firstDataBlock();
        return data / sb.blocksPerGroup() + (data % sb.blocksPerGroup() == 0 ? 0 : 1);
    }

    /** The filesystem's size in bytes, saturated at Long.MAX_VALUE. */
    long bytes() {
        return blocksCount > Long.MAX_VALUE / blockSize ? Long.MAX_VALUE : blocksCount * blockSize;
    }

    /** First block of group {@code g}. */
    long groupStart(long g) {
        return firstDataBlock + g * blocksPerGroup;
    }

    /** Whether group {@code g} holds a superblock copy (sparse_super: 0, 1 and powers of 3, 5, 7; sparse_super2). */
    boolean hasSuper(long g) {
        if (g == 0) return true;
        if ((sb.compat() & Features.COMPAT_SPARSE_SUPER2) != 0) return g == sb.backupGroup(0) || g == sb.backupGroup(1);
        if ((sb.roCompat() & Features.RO_COMPAT_SPARSE_SUPER) == 0) return true;
        return g == 1 || powerOf(g, 3) || powerOf(g, 5) || powerOf(g, 7);
    }

    private static boolean powerOf(long g, int base) {
        long n = g;
        while (n > 1 && n % base == 0) n /= base;
        return n == 1;
    }

    /** Byte offset in the volume of the superblock of group {@code g}. */
    long superblockOffset(long g) {
        return g == 0 ? Superblock.PRIMARY_OFFSET : groupStart(g) * blockSize;
    }

    /** Whether {@code count} blocks from {@code block} lie inside the filesystem. */
    boolean inside(long block, long count) {
        return block >= firstDataBlock && count >= 0 && block < blocksCount && count <= blocksCount - block;
    }
}
