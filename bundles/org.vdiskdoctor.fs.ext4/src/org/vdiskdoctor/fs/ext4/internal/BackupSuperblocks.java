// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.fs.ext4.Ext4Codes;

/**
 * The superblock copies at the start of groups 1 and powers of 3, 5, 7 (sparse_super), the two of sparse_super2, or
 * every group: each is read and compared with the primary on the fields that must agree. When the primary is gone,
 * {@link #find} looks where {@code e2fsck -b} would.
 */
final class BackupSuperblocks {

    /** Backups compared per filesystem: without sparse_super every group has one. */
    static final int MAX_CHECKED = 64;

    /** Incompat bits that change the on-disk layout; others (needs_recovery) legitimately differ in backups. */
    private static final int INCOMPAT_LAYOUT = Features.INCOMPAT_64BIT | Features.INCOMPAT_META_BG
            | Features.INCOMPAT_FLEX_BG | Features.INCOMPAT_EXTENTS;
    /** Ro_compat bits that change the layout; the kernel sets others (large_file) in the primary only. */
    private static final int RO_LAYOUT = Features.RO_COMPAT_SPARSE_SUPER | Features.RO_COMPAT_BIGALLOC
            | Features.RO_COMPAT_GDT_CSUM | Features.RO_COMPAT_METADATA_CSUM;

    /** A backup found without a primary: where it is and the e2fsck options that use it. */
    record Found(Superblock sb, long offset, long block, int blockSize) {
        String e2fsck() {
            return "e2fsck -b " + block + " -B " + blockSize;
        }
    }

    private BackupSuperblocks() {
    }

    /**
     * A backup where {@code e2fsck -b} looks: group 1 (then group 3) with 1 KiB to 64 KiB blocks and the default
     * group size of mke2fs (8 × block size blocks, at most 65528), whose own fields agree that it is that group's
     * copy there; {@code null} when there is none.
     */
    static Found find(GuestVolume v) throws IOException {
        for (long group : new long[] { 1, 3 }) {
            for (int log = 0; log <= Superblock.MAX_LOG_BLOCK_SIZE; log++) {
                int bs = 1024 << log;
                long fdb = bs == 1024 ? 1 : 0;
                long bpg = Math.min(8L * bs, 65528);
                long block = fdb + group * bpg;
                long offset = block * bs;
                if (!v.contains(offset, Superblock.SIZE)) continue;
                Superblock sb = new Superblock(v.read(offset, Superblock.SIZE));
                if (sb.hasMagic() && sb.logBlockSize() == log && sb.blockGroupNr() == group
                        && sb.blocksPerGroup() == bpg && sb.firstDataBlock() == fdb) {
                    return new Found(sb, offset, block, bs);
                }
            }
        }
        return null;
    }

    static void check(GuestVolume v, Geometry g, Superblock primary, FindingSink sink, Monitor monitor)
            throws IOException {
        int checked = 0;
        long group = 1;
        while (group < g.groups() && checked < MAX_CHECKED) {
            monitor.checkpoint();
            if (g.hasSuper(group)) {
                checked++;
                compare(v, g, primary, group, sink);
            }
            group = next(g, group);
        }
    }

    /** The next group that may hold a backup: all of them, or only the sparse ones, without walking each group. */
    private static long next(Geometry g, long group) {
        if ((g.sb().compat() & Features.COMPAT_SPARSE_SUPER2) != 0) {
            long a = g.sb().backupGroup(0);
            long b = g.sb().backupGroup(1);
            long n = Long.MAX_VALUE;
            if (a > group) n = a;
            if (b > group) n = Math.min(n, b);
            return n;
        }
        if ((g.sb().roCompat() & Features.RO_COMPAT_SPARSE_SUPER) == 0) return group + 1;
        long n = Long.MAX_VALUE;
        for (long base : new long[] { 3, 5, 7 }) {
            long p = 1;
            while (p <= group && p <= Long.MAX_VALUE / base) p *= base;
            if (p > group) n = Math.min(n, p);
        }
        return n;
    }

    private static void compare(GuestVolume v, Geometry g, Superblock primary, long group, FindingSink sink)
            throws IOException {
        long offset = g.superblockOffset(group);
        String where = "backup superblock of group " + group + " (block " + g.groupStart(group) + ")";
        if (!v.contains(offset, Superblock.SIZE)) {
            sink.report(v.finding(Ext4Codes.BACKUP_MISSING, where + " lies outside the volume of " + v.size()
                    + " bytes", 0, 0));
            return;
        }
        Superblock b = new Superblock(v.read(offset, Superblock.SIZE));
        if (!b.hasMagic()) {
            sink.report(v.finding(Ext4Codes.BACKUP_MISSING, where + " has no ext2/3/4 magic: it was overwritten",
                    offset, Superblock.SIZE));
            return;
        }
        List<String> diff = new ArrayList<>();
        differ(diff, "s_blocks_count", primary.blocksCount(), b.blocksCount());
        differ(diff, "s_inodes_count", primary.inodesCount(), b.inodesCount());
        differ(diff, "s_log_block_size", primary.logBlockSize(), b.logBlockSize());
        differ(diff, "s_first_data_block", primary.firstDataBlock(), b.firstDataBlock());
        differ(diff, "s_blocks_per_group", primary.blocksPerGroup(), b.blocksPerGroup());
        differ(diff, "s_inodes_per_group", primary.inodesPerGroup(), b.inodesPerGroup());
        differ(diff, "feature_incompat", primary.incompat() & INCOMPAT_LAYOUT, b.incompat() & INCOMPAT_LAYOUT);
        differ(diff, "feature_ro_compat", primary.roCompat() & RO_LAYOUT, b.roCompat() & RO_LAYOUT);
        if (!Arrays.equals(primary.uuidBytes(), b.uuidBytes())) diff.add("UUID " + b.uuid() + " ≠ " + primary.uuid());
        if (b.blockGroupNr() != 0 && b.blockGroupNr() != group) {
            diff.add("s_block_group_nr " + b.blockGroupNr() + " ≠ " + group);
        }
        if (Features.hasMetadataCsum(b) && b.storedChecksum() != b.computedChecksum()) diff.add("checksum wrong");
        if (!diff.isEmpty()) {
            sink.report(v.finding(Ext4Codes.BACKUP_MISMATCH, where + " disagrees with the primary: "
                    + String.join("; ", diff), offset, Superblock.SIZE));
        }
    }

    private static void differ(List<String> diff, String field, long primary, long backup) {
        if (primary != backup) diff.add(field + " " + backup + " ≠ primary " + primary);
    }
}
