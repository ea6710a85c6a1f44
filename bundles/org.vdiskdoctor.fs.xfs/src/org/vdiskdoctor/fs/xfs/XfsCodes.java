// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs;

import org.vdiskdoctor.core.FindingCode;

/** Finding codes of the XFS volume probe, declared in {@code META-INF/vdiskdoctor/findings.properties}. */
public final class XfsCodes {
    private XfsCodes() {
    }

    /** An XFS filesystem, its label, UUID and guest byte offset for {@code mount -o offset=} (info). */
    public static final FindingCode FOUND = FindingCode.of("fs.xfs.found");
    /** The primary superblock has a bad magic, version or geometry; the message names the secondary to use (error). */
    public static final FindingCode SUPERBLOCK_INVALID = FindingCode.of("fs.xfs.superblock.invalid");
    /** The v5 primary superblock does not match its CRC-32C (error). */
    public static final FindingCode SUPERBLOCK_CRC = FindingCode.of("fs.xfs.superblock.crc-mismatch");
    /** The filesystem claims more blocks than the volume holds (error). */
    public static final FindingCode BEYOND_VOLUME = FindingCode.of("fs.xfs.superblock.beyond-volume");
    /** Incompatible feature bits this checker does not know: kernels that do not know them refuse to mount (error). */
    public static final FindingCode UNKNOWN_INCOMPAT = FindingCode.of("fs.xfs.superblock.unknown-incompat");
    /** Read-only-compatible feature bits this checker does not know: older kernels mount read-only (warning). */
    public static final FindingCode UNKNOWN_RO_COMPAT = FindingCode.of("fs.xfs.superblock.unknown-ro-compat");
    /** The needsrepair feature is set: no kernel mounts it until xfs_repair has run (error). */
    public static final FindingCode NEEDS_REPAIR = FindingCode.of("fs.xfs.superblock.needs-repair");
    /** sb_inprogress is set in the primary: mkfs.xfs did not finish (error). */
    public static final FindingCode IN_PROGRESS = FindingCode.of("fs.xfs.superblock.inprogress");
    /** The internal log does not lie inside one AG of the filesystem (error). */
    public static final FindingCode LOG_OUTSIDE = FindingCode.of("fs.xfs.log.outside-filesystem");
    /** A secondary superblock has a bad magic, geometry or CRC (warning). */
    public static final FindingCode SECONDARY_INVALID = FindingCode.of("fs.xfs.secondary-superblock.invalid");
    /** A valid secondary superblock disagrees with the primary on geometry, features or UUID (warning). */
    public static final FindingCode SECONDARY_MISMATCH = FindingCode.of("fs.xfs.secondary-superblock.mismatch");
    /** The free-space header (AGF) of AG 0 is damaged (error). */
    public static final FindingCode AGF_INVALID = FindingCode.of("fs.xfs.agf.invalid");
    /** The inode header (AGI) of AG 0 is damaged (error). */
    public static final FindingCode AGI_INVALID = FindingCode.of("fs.xfs.agi.invalid");
    /** The log holds changes that mounting will replay (warning). */
    public static final FindingCode LOG_DIRTY = FindingCode.of("fs.xfs.log.dirty");
    /** The log's head or last record cannot be found, so whether it is clean cannot be told (warning). */
    public static final FindingCode LOG_UNREADABLE = FindingCode.of("fs.xfs.log.unreadable");

    /** xfs_repair -n ran and found no problems (info). */
    public static final FindingCode DEEP_CLEAN = FindingCode.of("fs.xfs.deep.clean");
    /** xfs_repair -n found problems; the message quotes them (error). */
    public static final FindingCode DEEP_PROBLEMS = FindingCode.of("fs.xfs.deep.problems");
    /** xfs_repair -n found a log with changes to replay: mount to replay it first (warning). */
    public static final FindingCode DEEP_LOG_DIRTY = FindingCode.of("fs.xfs.deep.log-dirty");
    /** xfs_repair -n found the primary superblock bad and stopped there (error). */
    public static final FindingCode DEEP_SUPERBLOCK_UNUSABLE = FindingCode.of("fs.xfs.deep.superblock-unusable");
}
