// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.mbr;

import org.vdiskdoctor.core.FindingCode;

/** Finding codes of the MBR probe, declared in {@code META-INF/vdiskdoctor/findings.properties}. */
public final class MbrCodes {
    private MbrCodes() {
    }

    /** LBA 0 holds data but not the 55 AA signature (warning). */
    public static final FindingCode SIGNATURE_MISSING = FindingCode.of("mbr.signature.missing");
    /** An entry's status byte is neither 0x00 nor 0x80: Linux ignores the whole table (error). */
    public static final FindingCode BAD_STATUS = FindingCode.of("mbr.entry.bad-status");
    /** A partition ends past the end of the disk (error). */
    public static final FindingCode PARTITION_BEYOND_END = FindingCode.of("mbr.partition.beyond-end");
    /** Two partitions share sectors, or one covers the MBR (error). */
    public static final FindingCode PARTITION_OVERLAP = FindingCode.of("mbr.partition.overlap");
    /** An extended boot record lacks the 55 AA signature (error). */
    public static final FindingCode EBR_BAD_SIGNATURE = FindingCode.of("mbr.ebr.bad-signature");
    /** The chain of extended boot records comes back to one already visited (error). */
    public static final FindingCode EBR_LOOP = FindingCode.of("mbr.ebr.loop");
    /** A link of the EBR chain points outside the extended partition (error). */
    public static final FindingCode EBR_OUTSIDE_EXTENDED = FindingCode.of("mbr.ebr.outside-extended");
    /** The EBR chain is longer than the walk's bound (warning). */
    public static final FindingCode EBR_CHAIN_TOO_LONG = FindingCode.of("mbr.ebr.chain-too-long");
    /** A logical partition does not lie inside its extended partition (error). */
    public static final FindingCode LOGICAL_OUTSIDE_EXTENDED = FindingCode.of("mbr.logical.outside-extended");
    /** A hybrid MBR: a 0xEE entry beside other entries (info). */
    public static final FindingCode HYBRID = FindingCode.of("mbr.table.hybrid");
    /** Each partition's byte offset and size, for mounting the whole-disk image with an offset (info). */
    public static final FindingCode PARTITION_OFFSETS = FindingCode.of("mbr.partition.offsets");
    /** The partitions are laid out in 4096-byte sectors, which the image format does not record (info). */
    public static final FindingCode SECTOR_SIZE_DETECTED = FindingCode.of("mbr.sector-size.detected");
}
