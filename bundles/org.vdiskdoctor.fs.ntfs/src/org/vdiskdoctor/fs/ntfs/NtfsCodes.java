// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs;

import org.vdiskdoctor.core.FindingCode;

/** Finding codes of the NTFS probe, declared in {@code META-INF/vdiskdoctor/findings.properties}. */
public final class NtfsCodes {
    private NtfsCodes() {
    }

    /** An NTFS filesystem, its label, serial, MFT location and guest byte offset (info). */
    public static final FindingCode FOUND = FindingCode.of("fs.ntfs.found");
    /** The primary boot sector is unusable; the message says whether the backup is (error). */
    public static final FindingCode BOOT_SECTOR_INVALID = FindingCode.of("fs.ntfs.boot-sector.invalid");
    /** The filesystem declares more sectors than its volume has (error). */
    public static final FindingCode SIZE_BEYOND_VOLUME = FindingCode.of("fs.ntfs.size.beyond-volume");
    /** The backup boot sector is missing, invalid or differs from the primary (warning). */
    public static final FindingCode BACKUP_BOOT_INVALID = FindingCode.of("fs.ntfs.backup-boot.invalid");
    /** $MFT or $MFTMirr lies outside the volume (error). */
    public static final FindingCode MFT_OUTSIDE_VOLUME = FindingCode.of("fs.ntfs.mft.outside-volume");
    /** One of the first MFT records is damaged: signature, update sequence (torn write) or attributes (error). */
    public static final FindingCode MFT_RECORD_INVALID = FindingCode.of("fs.ntfs.mft-record.invalid");
    /** $MFTMirr's copies of records 0-3 differ from $MFT's (error). */
    public static final FindingCode MFTMIRR_DIFFERS = FindingCode.of("fs.ntfs.mftmirr.differs");
    /** $Volume's dirty flag is set: Windows did not shut down cleanly or chkdsk is scheduled (warning). */
    public static final FindingCode VOLUME_DIRTY = FindingCode.of("fs.ntfs.volume.dirty");
    /** hiberfil.sys holds an active hibernation image: Windows hibernated or Fast Startup (warning). */
    public static final FindingCode HIBERNATED = FindingCode.of("fs.ntfs.hibernated");

    /** With --deep: ntfsfix -n ran and found nothing wrong (info). */
    public static final FindingCode DEEP_CLEAN = FindingCode.of("fs.ntfs.deep.clean");
    /** With --deep: ntfsfix -n found damage it cannot repair, or that needs chkdsk (error). */
    public static final FindingCode DEEP_PROBLEMS = FindingCode.of("fs.ntfs.deep.problems");
    /** With --deep: ntfsfix -n says $MFTMirr does not match $MFT (error). */
    public static final FindingCode DEEP_MFTMIRR_DIFFERS = FindingCode.of("fs.ntfs.deep.mftmirr-differs");
    /** With --deep: ntfsfix -n says the backup boot sector is bad (warning). */
    public static final FindingCode DEEP_BACKUP_BOOT_BAD = FindingCode.of("fs.ntfs.deep.backup-boot-bad");
}
