// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.fat;

import org.vdiskdoctor.core.FindingCode;

/** Finding codes of the FAT12/16/32 probe, declared in {@code META-INF/vdiskdoctor/findings.properties}. */
public final class FatCodes {
    private FatCodes() {
    }

    /** A FAT filesystem, its type, label, serial and guest byte offset (info). */
    public static final FindingCode FOUND = FindingCode.of("fs.fat.found");
    /** The BIOS parameter block has impossible fields; the message says whether the backup is usable (error). */
    public static final FindingCode BPB_INVALID = FindingCode.of("fs.fat.bpb.invalid");
    /** The boot sector lacks the 55 AA signature at byte 510 (error). */
    public static final FindingCode BOOT_SIGNATURE_MISSING = FindingCode.of("fs.fat.boot-signature.missing");
    /** The filesystem declares more sectors than its volume has (error). */
    public static final FindingCode SIZE_BEYOND_VOLUME = FindingCode.of("fs.fat.size.beyond-volume");
    /** FAT32's backup boot sector is missing or differs from the primary (warning). */
    public static final FindingCode BACKUP_BOOT_DIFFERS = FindingCode.of("fs.fat.backup-boot.differs");
    /** FAT32's FSInfo sector has wrong signatures or impossible free-cluster hints (warning). */
    public static final FindingCode FSINFO_INVALID = FindingCode.of("fs.fat.fsinfo.invalid");
    /** The copies of the FAT disagree (error). */
    public static final FindingCode FATS_DIFFER = FindingCode.of("fs.fat.fats.differ");
    /** FAT[0] does not carry the BPB's media byte (warning). */
    public static final FindingCode MEDIA_MISMATCH = FindingCode.of("fs.fat.media.mismatch");
    /** The volume was not unmounted cleanly or saw a disk error: dirty bits in FAT[1] or the boot sector (warning). */
    public static final FindingCode DIRTY = FindingCode.of("fs.fat.volume.dirty");
    /** The FAT32 layout and the cluster count disagree, so Linux and Windows read the volume differently (warning). */
    public static final FindingCode TYPE_MISMATCH = FindingCode.of("fs.fat.type.mismatch");

    /** With --deep: fsck.fat -n ran and found nothing wrong (info). */
    public static final FindingCode DEEP_CLEAN = FindingCode.of("fs.fat.deep.clean");
    /** With --deep: fsck.fat -n found damage to files, directories or cluster chains (error). */
    public static final FindingCode DEEP_PROBLEMS = FindingCode.of("fs.fat.deep.problems");
    /** With --deep: fsck.fat -n says the dirty bit is set (warning). */
    public static final FindingCode DEEP_DIRTY = FindingCode.of("fs.fat.deep.dirty");
    /** With --deep: fsck.fat -n says the boot sector and its backup differ (warning). */
    public static final FindingCode DEEP_BACKUP_BOOT_DIFFERS = FindingCode.of("fs.fat.deep.backup-boot-differs");
    /** With --deep: fsck.fat -n says the FAT copies differ (error). */
    public static final FindingCode DEEP_FATS_DIFFER = FindingCode.of("fs.fat.deep.fats-differ");
    /** With --deep: fsck.fat -n found allocated clusters that no file uses (warning). */
    public static final FindingCode DEEP_LOST_CLUSTERS = FindingCode.of("fs.fat.deep.lost-clusters");
    /** With --deep: fsck.fat -n says the free-cluster count in FAT32's FSInfo sector is wrong (warning). */
    public static final FindingCode DEEP_FREE_COUNT_WRONG = FindingCode.of("fs.fat.deep.free-count-wrong");
}
