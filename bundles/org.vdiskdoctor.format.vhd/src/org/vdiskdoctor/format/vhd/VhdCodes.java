// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd;

import org.vdiskdoctor.core.FindingCode;

/**
 * The finding codes of the VHD driver, {@code vhd.<structure>.<problem>}. Each is declared with its default severity,
 * title and explanation in this bundle's {@code META-INF/vdiskdoctor/findings.properties}. Codes are stable: scripts
 * match on them, so a released code is never renamed.
 */
public final class VhdCodes {
    private VhdCodes() {
    }

    /** No "conectix" footer at the end of the file (truncated, overwritten, or a raw file named .vhd). */
    public static final FindingCode FOOTER_MISSING = FindingCode.of("vhd.footer.missing");
    /** The footer is the old 511-byte form written before Virtual PC 2004. */
    public static final FindingCode FOOTER_SHORT_511 = FindingCode.of("vhd.footer.short-511");
    /** A footer (or its copy at offset 0) fails its checksum. */
    public static final FindingCode FOOTER_BAD_CHECKSUM = FindingCode.of("vhd.footer.bad-checksum");
    /** The footer copy at offset 0 and the footer at the end differ. */
    public static final FindingCode FOOTER_COPY_MISMATCH = FindingCode.of("vhd.footer.copy-mismatch");
    /** File format version other than 0x00010000. */
    public static final FindingCode FOOTER_BAD_VERSION = FindingCode.of("vhd.footer.bad-version");
    /** Features without the always-set reserved bit, or with unknown bits. */
    public static final FindingCode FOOTER_BAD_FEATURES = FindingCode.of("vhd.footer.bad-features");
    /** Disk type other than fixed (2), dynamic (3) or differencing (4). */
    public static final FindingCode FOOTER_BAD_DISK_TYPE = FindingCode.of("vhd.footer.bad-disk-type");
    /** Data offset that does not locate a dynamic header (or is not all-ones for a fixed disk). */
    public static final FindingCode FOOTER_BAD_DATA_OFFSET = FindingCode.of("vhd.footer.bad-data-offset");
    /** Current size not a multiple of 512. */
    public static final FindingCode FOOTER_SIZE_UNALIGNED = FindingCode.of("vhd.footer.size-unaligned");
    /** Disk size above the 2040 GiB readers accept. */
    public static final FindingCode FOOTER_SIZE_TOO_LARGE = FindingCode.of("vhd.footer.size-too-large");
    /** CHS geometry and current size describe different disk sizes for the creator's readers. */
    public static final FindingCode FOOTER_GEOMETRY_MISMATCH = FindingCode.of("vhd.footer.geometry-mismatch");
    /** The saved-state flag is set. */
    public static final FindingCode FOOTER_SAVED_STATE = FindingCode.of("vhd.footer.saved-state");
    /** A fixed disk's file is not current size + footer long. */
    public static final FindingCode FIXED_SIZE_MISMATCH = FindingCode.of("vhd.fixed.size-mismatch");
    /** The file size is not a whole number of 512-byte sectors. */
    public static final FindingCode FILE_SIZE_UNALIGNED = FindingCode.of("vhd.file.size-unaligned");

    /** No "cxsparse" at the data offset. */
    public static final FindingCode DYNHEADER_BAD_COOKIE = FindingCode.of("vhd.dynheader.bad-cookie");
    /** The dynamic header fails its checksum. */
    public static final FindingCode DYNHEADER_BAD_CHECKSUM = FindingCode.of("vhd.dynheader.bad-checksum");
    /** Dynamic header version other than 0x00010000. */
    public static final FindingCode DYNHEADER_BAD_VERSION = FindingCode.of("vhd.dynheader.bad-version");
    /** Block size not a power of two of at least 512 bytes. */
    public static final FindingCode DYNHEADER_BAD_BLOCK_SIZE = FindingCode.of("vhd.dynheader.bad-block-size");
    /** Max table entries × block size is smaller than the disk. */
    public static final FindingCode DYNHEADER_TABLE_TOO_SMALL = FindingCode.of("vhd.dynheader.table-too-small");

    /** The block allocation table lies (partly) outside the file or over the footer. */
    public static final FindingCode BAT_OUT_OF_BOUNDS = FindingCode.of("vhd.bat.out-of-bounds");
    /** A BAT entry's block (bitmap + data) does not end before the footer. */
    public static final FindingCode BAT_BLOCK_BEYOND_EOF = FindingCode.of("vhd.bat.block-beyond-eof");
    /** Two BAT entries name the same sector. */
    public static final FindingCode BAT_DUPLICATE_ENTRY = FindingCode.of("vhd.bat.duplicate-entry");
    /** A block overlaps another block or the headers, the BAT or the footer. */
    public static final FindingCode BAT_BLOCK_OVERLAP = FindingCode.of("vhd.bat.block-overlap");

    /** A parent locator entry with an unknown platform code or data outside the file or its space. */
    public static final FindingCode LOCATOR_INVALID = FindingCode.of("vhd.locator.invalid");
    /** Only an absolute (W2ku) parent path: its file name is looked for in the child's folder. */
    public static final FindingCode PARENT_ABSOLUTE_PATH_ONLY = FindingCode.of("vhd.parent.absolute-path-only");
    /** A differencing disk with no usable parent name at all. */
    public static final FindingCode PARENT_NO_NAME = FindingCode.of("vhd.parent.no-name");
    /** The parent's footer time stamp is later than the one the child recorded. */
    public static final FindingCode PARENT_MODIFIED_AFTER_CHILD = FindingCode.of("vhd.parent.modified-after-child");
}
