// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4;

import org.vdiskdoctor.core.FindingCode;

/** Finding codes of the ext2/3/4 volume probe, declared in {@code META-INF/vdiskdoctor/findings.properties}. */
public final class Ext4Codes {
    private Ext4Codes() {
    }

    /** An ext2/3/4 filesystem, its label, UUID and guest byte offset (info). */
    public static final FindingCode FOUND = FindingCode.of("fs.ext4.found");
    /** The primary superblock is unusable; a backup is named for {@code e2fsck -b} (error). */
    public static final FindingCode PRIMARY_INVALID = FindingCode.of("fs.ext4.superblock.primary-invalid");
    /** Impossible geometry: block size, blocks or inodes per group, first data block, counts (error). */
    public static final FindingCode GEOMETRY = FindingCode.of("fs.ext4.superblock.geometry");
    /** The filesystem is larger than its volume (error). */
    public static final FindingCode BEYOND_VOLUME = FindingCode.of("fs.ext4.superblock.beyond-volume");
    /** The metadata_csum checksum of the superblock is wrong (error). */
    public static final FindingCode SUPERBLOCK_CHECKSUM = FindingCode.of("fs.ext4.superblock.checksum");
    /** The kernel recorded errors in this filesystem (error). */
    public static final FindingCode STATE_ERRORS = FindingCode.of("fs.ext4.state.errors");
    /** A filesystem without journal was not cleanly unmounted (warning). */
    public static final FindingCode NOT_CLEAN = FindingCode.of("fs.ext4.state.not-clean");
    /** The journal must be replayed (needs_recovery) (warning). */
    public static final FindingCode NEEDS_RECOVERY = FindingCode.of("fs.ext4.journal.needs-recovery");
    /** Inodes on the orphan list wait to be freed (warning). */
    public static final FindingCode ORPHANS = FindingCode.of("fs.ext4.orphans.pending");
    /** Incompatible features unknown to current kernels: no mount (error). */
    public static final FindingCode INCOMPAT_UNKNOWN = FindingCode.of("fs.ext4.features.incompat-unknown");
    /** Read-only-compatible features unknown to current kernels: read-only mount only (warning). */
    public static final FindingCode RO_COMPAT_UNKNOWN = FindingCode.of("fs.ext4.features.ro-compat-unknown");
    /** The mount count or check interval asks for a periodic fsck (info). */
    public static final FindingCode CHECK_DUE = FindingCode.of("fs.ext4.check.due");
    /** A backup superblock disagrees with the primary (warning). */
    public static final FindingCode BACKUP_MISMATCH = FindingCode.of("fs.ext4.backup-superblock.mismatch");
    /** A backup superblock is missing, unreadable or outside the volume (warning). */
    public static final FindingCode BACKUP_MISSING = FindingCode.of("fs.ext4.backup-superblock.missing");
    /** The group descriptor table or a group's bitmaps or inode table lie outside the filesystem (error). */
    public static final FindingCode GROUP_OUTSIDE = FindingCode.of("fs.ext4.group-descriptors.outside");
    /** Group descriptors whose checksum (crc16 or crc32c) is wrong (error). */
    public static final FindingCode GROUP_CHECKSUM = FindingCode.of("fs.ext4.group-descriptors.checksum");

    /** e2fsck -fn ran and found no problems (info). */
    public static final FindingCode DEEP_CLEAN = FindingCode.of("fs.ext4.deep.clean");
    /** e2fsck -fn found problems it would fix; the message quotes them (error). */
    public static final FindingCode DEEP_PROBLEMS = FindingCode.of("fs.ext4.deep.problems");
    /** e2fsck -fn skipped the replay of a journal that holds changes (warning). */
    public static final FindingCode DEEP_JOURNAL_RECOVERY = FindingCode.of("fs.ext4.deep.journal-recovery");
    /** e2fsck -fn could not use the primary superblock: it used a backup or gave up naming e2fsck -b (error). */
    public static final FindingCode DEEP_SUPERBLOCK_UNUSABLE = FindingCode.of("fs.ext4.deep.superblock-unusable");
}
