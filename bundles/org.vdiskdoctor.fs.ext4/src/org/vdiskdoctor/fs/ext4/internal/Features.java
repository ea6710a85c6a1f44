// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The feature bits of the superblock and what current Linux kernels (6.x, {@code EXT4_FEATURE_*_SUPP}) know of
 * them: an unknown incompat bit stops a mount, an unknown ro_compat bit allows only a read-only one.
 */
final class Features {

    static final int COMPAT_HAS_JOURNAL = 0x4;
    static final int COMPAT_SPARSE_SUPER2 = 0x200;

    static final int INCOMPAT_RECOVER = 0x4;
    static final int INCOMPAT_JOURNAL_DEV = 0x8;
    static final int INCOMPAT_META_BG = 0x10;
    static final int INCOMPAT_EXTENTS = 0x40;
    static final int INCOMPAT_64BIT = 0x80;
    static final int INCOMPAT_FLEX_BG = 0x200;
    static final int INCOMPAT_CSUM_SEED = 0x2000;

    static final int RO_COMPAT_SPARSE_SUPER = 0x1;
    static final int RO_COMPAT_GDT_CSUM = 0x10;
    static final int RO_COMPAT_BIGALLOC = 0x200;
    static final int RO_COMPAT_METADATA_CSUM = 0x400;

    /** filetype recover journal_dev meta_bg extent 64bit mmp flex_bg ea_inode csum_seed largedir inline_data encrypt casefold. */
    static final int INCOMPAT_KNOWN = 0x2 | 0x4 | 0x8 | 0x10 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x2000 | 0x4000
            | 0x8000 | 0x10000 | 0x20000;
    /** sparse_super large_file huge_file gdt_csum dir_nlink extra_isize quota bigalloc metadata_csum readonly project verity orphan_present. */
    static final int RO_COMPAT_KNOWN = 0x1 | 0x2 | 0x8 | 0x10 | 0x20 | 0x40 | 0x100 | 0x200 | 0x400 | 0x1000 | 0x2000
            | 0x8000 | 0x10000;

    private static final String[] INCOMPAT_NAMES = { "compression", "filetype", "needs_recovery", "journal_dev",
        "meta_bg", "0x20", "extent", "64bit", "mmp", "flex_bg", "ea_inode", "0x800", "dirdata", "metadata_csum_seed",
        "large_dir", "inline_data", "encrypt", "casefold" };
    private static final String[] RO_COMPAT_NAMES = { "sparse_super", "large_file", "btree_dir", "huge_file",
        "uninit_bg", "dir_nlink", "extra_isize", "snapshot", "quota", "bigalloc", "metadata_csum", "replica",
        "read-only", "project", "shared_blocks", "verity", "orphan_present" };

    private Features() {
    }

    static boolean has64bit(Superblock sb) {
        return (sb.incompat() & INCOMPAT_64BIT) != 0;
    }

    static boolean hasMetadataCsum(Superblock sb) {
        return (sb.roCompat() & RO_COMPAT_METADATA_CSUM) != 0;
    }

    static boolean hasGdtCsum(Superblock sb) {
        return (sb.roCompat() & RO_COMPAT_GDT_CSUM) != 0;
    }

    /** "ext4 journal" for an external journal device; "ext4" with extents, 64bit, flex_bg or metadata_csum; "ext3" with a journal; "ext2" otherwise. */
    static String kind(Superblock sb) {
        if ((sb.incompat() & INCOMPAT_JOURNAL_DEV) != 0) return "ext4 journal";
        int ext4Only = INCOMPAT_EXTENTS | INCOMPAT_64BIT | INCOMPAT_FLEX_BG;
        if ((sb.incompat() & ext4Only) != 0 || hasMetadataCsum(sb) || hasGdtCsum(sb)) return "ext4";
        return (sb.compat() & COMPAT_HAS_JOURNAL) != 0 ? "ext3" : "ext2";
    }

    static String incompatNames(int bits) {
        return names(bits, INCOMPAT_NAMES);
    }

    static String roCompatNames(int bits) {
        return names(bits, RO_COMPAT_NAMES);
    }

    private static String names(int bits, String[] names) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            if ((bits & (1 << i)) == 0) continue;
            out.add(i < names.length ? names[i] : String.format("0x%x", 1 << i));
        }
        return String.join(" ", out);
    }
}
