// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi;

import org.vdiskdoctor.core.FindingCode;

/**
 * The finding codes of the VDI driver, {@code vdi.<structure>.<problem>}. Each is declared with its default severity,
 * title and explanation in this bundle's {@code META-INF/vdiskdoctor/findings.properties}. Codes are stable: scripts
 * match on them, so a released code is never renamed.
 */
public final class VdiCodes {
    private VdiCodes() {
    }

    /** The signature at 0x40 is not 0xBEDA107F (file named or headed like a VDI image). */
    public static final FindingCode HEADER_BAD_SIGNATURE = FindingCode.of("vdi.header.bad-signature");
    /** The header version is not 1.x (0.0 is the legacy pre-1.0 header, not interpreted). */
    public static final FindingCode HEADER_UNSUPPORTED_VERSION = FindingCode.of("vdi.header.unsupported-version");
    /** The pre-header text is none of the texts VirtualBox or QEMU write (informational). */
    public static final FindingCode HEADER_UNKNOWN_TEXT = FindingCode.of("vdi.header.unknown-text");
    /** cbHeader is below the version 1 header size. */
    public static final FindingCode HEADER_SIZE_INVALID = FindingCode.of("vdi.header.size-invalid");
    /** The image type is not 1 (normal), 2 (fixed), 3 (undo) or 4 (diff). */
    public static final FindingCode HEADER_UNKNOWN_TYPE = FindingCode.of("vdi.header.unknown-type");
    /** The sector size is not 512. */
    public static final FindingCode HEADER_SECTOR_SIZE_INVALID = FindingCode.of("vdi.header.sector-size-invalid");
    /** The block size is not a power of two between 512 bytes and 256 MiB. */
    public static final FindingCode HEADER_BLOCK_SIZE_INVALID = FindingCode.of("vdi.header.block-size-invalid");
    /** The block map or data offset is not a multiple of 512. */
    public static final FindingCode HEADER_OFFSET_UNALIGNED = FindingCode.of("vdi.header.offset-unaligned");
    /** The header, the block map and the data area overlap. */
    public static final FindingCode HEADER_REGIONS_OVERLAP = FindingCode.of("vdi.header.regions-overlap");
    /** The block count does not match the disk size divided by the block size. */
    public static final FindingCode HEADER_BLOCK_COUNT_MISMATCH = FindingCode.of("vdi.header.block-count-mismatch");
    /** The block count is above what any VDI can have (0x3FFFFFFF). */
    public static final FindingCode HEADER_TOO_MANY_BLOCKS = FindingCode.of("vdi.header.too-many-blocks");
    /** The disk size is not a multiple of 512 (warning: QEMU rounds it up). */
    public static final FindingCode HEADER_DISK_SIZE_UNALIGNED = FindingCode.of("vdi.header.disk-size-unaligned");
    /** More blocks allocated than the image has. */
    public static final FindingCode HEADER_ALLOCATED_EXCEEDS_TOTAL =
            FindingCode.of("vdi.header.allocated-exceeds-total");
    /** Extra data per block (cbBlockExtra), which QEMU ignores. */
    public static final FindingCode HEADER_BLOCK_EXTRA = FindingCode.of("vdi.header.block-extra");
    /** A differencing image without parent UUID, or a normal/fixed image with one. */
    public static final FindingCode HEADER_LINKAGE_INCONSISTENT = FindingCode.of("vdi.header.linkage-inconsistent");
    /** The file ends inside the header, the block map or the data of the allocated blocks. */
    public static final FindingCode FILE_TRUNCATED = FindingCode.of("vdi.file.truncated");

    /** A block map entry points at a data block index at or above the allocated count. */
    public static final FindingCode BMAP_INDEX_OUT_OF_RANGE = FindingCode.of("vdi.bmap.index-out-of-range");
    /** Two virtual blocks point at the same data block. */
    public static final FindingCode BMAP_DUPLICATE = FindingCode.of("vdi.bmap.duplicate");
    /** A block map entry points at data past the end of the file. */
    public static final FindingCode BMAP_DATA_PAST_EOF = FindingCode.of("vdi.bmap.data-past-eof");
    /** The allocated entries counted in the block map differ from the header's allocated count. */
    public static final FindingCode BMAP_ALLOCATED_MISMATCH = FindingCode.of("vdi.bmap.allocated-mismatch");

    /** No *.vdi file in the image's folder or its parent folder has the parent UUID. */
    public static final FindingCode CHAIN_PARENT_NOT_FOUND = FindingCode.of("vdi.chain.parent-not-found");
    /** More than one *.vdi file has the parent UUID. */
    public static final FindingCode CHAIN_PARENT_AMBIGUOUS = FindingCode.of("vdi.chain.parent-ambiguous");
}
