// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt;

import org.vdiskdoctor.core.FindingCode;

/** Finding codes of the GPT probe, declared in {@code META-INF/vdiskdoctor/findings.properties}. */
public final class GptCodes {
    private GptCodes() {
    }

    /** The primary header (LBA 1) cannot be used; the message says whether the backup can (error). */
    public static final FindingCode PRIMARY_HEADER_INVALID = FindingCode.of("gpt.primary-header.invalid");
    /** The backup header cannot be used while the primary can (warning). */
    public static final FindingCode BACKUP_HEADER_INVALID = FindingCode.of("gpt.backup-header.invalid");
    /** The primary partition array's CRC-32 does not match its header (error). */
    public static final FindingCode PRIMARY_ARRAY_CRC = FindingCode.of("gpt.primary-array.crc-mismatch");
    /** The backup partition array's CRC-32 does not match its header (warning). */
    public static final FindingCode BACKUP_ARRAY_CRC = FindingCode.of("gpt.backup-array.crc-mismatch");
    /** A header declares a partition array too large to be real (error); it is not read. */
    public static final FindingCode ARRAY_TOO_LARGE = FindingCode.of("gpt.partition-array.too-large");
    /** Signs of a GPT, but neither header with its array is valid (error). */
    public static final FindingCode NO_VALID_HEADER = FindingCode.of("gpt.header.none-valid");
    /** Both copies are valid but describe different tables (warning). */
    public static final FindingCode COPIES_DIFFER = FindingCode.of("gpt.header.copies-differ");
    /** The header's revision is not 1.0 (warning). */
    public static final FindingCode UNKNOWN_REVISION = FindingCode.of("gpt.header.unknown-revision");
    /** FirstUsableLBA / LastUsableLBA are inconsistent with the disk or the arrays (error). */
    public static final FindingCode USABLE_RANGE = FindingCode.of("gpt.header.usable-range");
    /** The backup header is valid but not at the last LBA: the disk grew (warning). */
    public static final FindingCode BACKUP_NOT_AT_END = FindingCode.of("gpt.backup-header.not-at-end");
    /** The backup header lies beyond the end of the disk: the disk shrank (error). */
    public static final FindingCode BACKUP_BEYOND_END = FindingCode.of("gpt.backup-header.beyond-end");
    /** A valid GPT without a protective MBR (error: Linux ignores such a GPT). */
    public static final FindingCode PMBR_MISSING = FindingCode.of("gpt.pmbr.missing");
    /** The protective MBR's size is not min(disk - 1, 0xFFFFFFFF) sectors (warning). */
    public static final FindingCode PMBR_SIZE_MISMATCH = FindingCode.of("gpt.pmbr.size-mismatch");
    /** A partition's first LBA is after its last, or it lies outside the usable range (error). */
    public static final FindingCode PARTITION_OUT_OF_RANGE = FindingCode.of("gpt.partition.out-of-range");
    /** A partition ends past the end of the disk (error). */
    public static final FindingCode PARTITION_BEYOND_END = FindingCode.of("gpt.partition.beyond-end");
    /** Two partitions share sectors (error). */
    public static final FindingCode PARTITION_OVERLAP = FindingCode.of("gpt.partition.overlap");
    /** Each partition's byte offset and size, for mounting the whole-disk image with an offset (info). */
    public static final FindingCode PARTITION_OFFSETS = FindingCode.of("gpt.partition.offsets");
    /** The GPT is written for other logical sectors than 512, and the format records no size (info). */
    public static final FindingCode SECTOR_SIZE_DETECTED = FindingCode.of("gpt.sector-size.detected");
    /** The GPT is written for other logical sectors than the size the image records (error). */
    public static final FindingCode SECTOR_SIZE_MISMATCH = FindingCode.of("gpt.sector-size.mismatch");
    /** sgdisk -v found no problem (info). */
    public static final FindingCode DEEP_CLEAN = FindingCode.of("gpt.deep.clean");
    /** sgdisk -v found problems of no more specific class, or no GPT it could load (error). */
    public static final FindingCode DEEP_PROBLEMS = FindingCode.of("gpt.deep.problems");
    /** sgdisk found a header or partition array failing its CRC-32 and used the other copy (warning). */
    public static final FindingCode DEEP_CRC_MISMATCH = FindingCode.of("gpt.deep.crc-mismatch");
    /** sgdisk -v says the backup header is not at the end of the disk: the disk grew (warning). */
    public static final FindingCode DEEP_BACKUP_NOT_AT_END = FindingCode.of("gpt.deep.backup-not-at-end");
    /** sgdisk -v says the disk is too small for its GPT: the disk shrank (error). */
    public static final FindingCode DEEP_DISK_TOO_SMALL = FindingCode.of("gpt.deep.disk-too-small");
}
