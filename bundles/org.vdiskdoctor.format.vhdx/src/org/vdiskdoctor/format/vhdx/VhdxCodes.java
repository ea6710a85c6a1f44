// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx;

import org.vdiskdoctor.core.FindingCode;

/**
 * The finding codes of the VHDX driver, {@code vhdx.<structure>.<problem>}. Each is declared with its default
 * severity, title and explanation in this bundle's {@code META-INF/vdiskdoctor/findings.properties}. Codes are
 * stable: scripts match on them, so a released code is never renamed.
 */
public final class VhdxCodes {
    private VhdxCodes() {
    }

    /** The file type identifier {@code vhdxfile} at offset 0 is missing (file named like a VHDX image). */
    public static final FindingCode IDENTIFIER_BAD_SIGNATURE = FindingCode.of("vhdx.identifier.bad-signature");
    /** The file ends before the headers and region tables (the first 320 KiB) or inside a region. */
    public static final FindingCode FILE_TRUNCATED = FindingCode.of("vhdx.file.truncated");

    /** One of the two headers is invalid (signature, CRC-32C or version) while the other is valid. */
    public static final FindingCode HEADER_INVALID = FindingCode.of("vhdx.header.invalid");
    /** Neither header is valid: no VHDX reader can open the image. */
    public static final FindingCode HEADER_BOTH_INVALID = FindingCode.of("vhdx.header.both-invalid");
    /** Both headers are valid with the same sequence number but different contents. */
    public static final FindingCode HEADER_SAME_SEQUENCE = FindingCode.of("vhdx.header.same-sequence");
    /** LogOffset/LogLength are not 1 MiB multiples, overlap the fixed area or lie past the end of the file. */
    public static final FindingCode HEADER_LOG_RANGE = FindingCode.of("vhdx.header.log-range");

    /** One of the two region tables is invalid while the other is valid. */
    public static final FindingCode REGION_TABLE_INVALID = FindingCode.of("vhdx.region.table-invalid");
    /** Neither region table is valid. */
    public static final FindingCode REGION_BOTH_INVALID = FindingCode.of("vhdx.region.both-invalid");
    /** Both region tables are valid but say different things. */
    public static final FindingCode REGION_TABLES_DIFFER = FindingCode.of("vhdx.region.tables-differ");
    /** A region this reader does not know is marked Required. */
    public static final FindingCode REGION_UNKNOWN_REQUIRED = FindingCode.of("vhdx.region.unknown-required");
    /** A region is unaligned, inside the first 1 MiB, past the end of the file, or overlaps another one. */
    public static final FindingCode REGION_BAD_RANGE = FindingCode.of("vhdx.region.bad-range");
    /** The BAT or the metadata region is not in the region table. */
    public static final FindingCode REGION_MISSING = FindingCode.of("vhdx.region.missing");

    /** The metadata region does not start with {@code metadata}, or its entry count is too big. */
    public static final FindingCode METADATA_BAD_SIGNATURE = FindingCode.of("vhdx.metadata.bad-signature");
    /** A required system metadata item is missing. */
    public static final FindingCode METADATA_ITEM_MISSING = FindingCode.of("vhdx.metadata.item-missing");
    /** A metadata item lies outside the metadata region, below 64 KiB, overlaps another or has the wrong length. */
    public static final FindingCode METADATA_ITEM_RANGE = FindingCode.of("vhdx.metadata.item-range");
    /** A metadata item this reader does not know is marked IsRequired. */
    public static final FindingCode METADATA_UNKNOWN_REQUIRED = FindingCode.of("vhdx.metadata.unknown-required");
    /** A known metadata item holds a value the specification forbids (block size, sector size, disk size). */
    public static final FindingCode METADATA_BAD_VALUE = FindingCode.of("vhdx.metadata.bad-value");

    /** The BAT region is smaller than the entry count the metadata requires. */
    public static final FindingCode BAT_TOO_SMALL = FindingCode.of("vhdx.bat.too-small");
    /** A BAT entry has a state that is undefined for its kind (payload or sector bitmap) or image type. */
    public static final FindingCode BAT_BAD_STATE = FindingCode.of("vhdx.bat.bad-state");
    /** A BAT entry points (partly) past the end of the file. */
    public static final FindingCode BAT_PAST_EOF = FindingCode.of("vhdx.bat.past-eof");
    /** A BAT entry points into the headers, log, BAT or metadata region, or a present entry has offset 0. */
    public static final FindingCode BAT_BAD_OFFSET = FindingCode.of("vhdx.bat.bad-offset");
    /** Two BAT entries point at the same bytes. */
    public static final FindingCode BAT_OVERLAP = FindingCode.of("vhdx.bat.overlap");
    /** More bad BAT entries than are reported one by one: the total per kind. */
    public static final FindingCode BAT_MORE_BAD = FindingCode.of("vhdx.bat.more-bad");

    /** LogGuid is set: the log holds entries that must be replayed before the image is consistent. */
    public static final FindingCode LOG_REPLAY_NEEDED = FindingCode.of("vhdx.log.replay-needed");
    /** LogGuid is set but the log holds no valid entry sequence for it. */
    public static final FindingCode LOG_NO_VALID_ENTRY = FindingCode.of("vhdx.log.no-valid-entry");
    /** A log entry of the current LogGuid fails its checks (CRC-32C, descriptors, data sectors). */
    public static final FindingCode LOG_ENTRY_INVALID = FindingCode.of("vhdx.log.entry-invalid");

    /** HasParent is set but there is no parent locator, or its type is unknown. */
    public static final FindingCode PARENT_LOCATOR_MISSING = FindingCode.of("vhdx.parent.locator-missing");
    /** The parent locator names no parent path, or its key/value table is damaged. */
    public static final FindingCode PARENT_PATH_MISSING = FindingCode.of("vhdx.parent.path-missing");
    /** The parent locator has no relative_path: the parent is looked for by the absolute path's file name. */
    public static final FindingCode PARENT_ABSOLUTE_FALLBACK = FindingCode.of("vhdx.parent.absolute-fallback");
    /** A differencing disk (HasParent) whose file is named .vhdx, like a base disk: a renamed .avhdx? (info) */
    public static final FindingCode DIFFERENCING_NAMED_VHDX = FindingCode.of("vhdx.differencing.named-vhdx");
}
