// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk;

import org.vdiskdoctor.core.FindingCode;

/**
 * The finding codes of the VMDK driver, {@code vmdk.<structure>.<problem>}. Each is declared with its default
 * severity, title and explanation in this bundle's {@code META-INF/vdiskdoctor/findings.properties}. Codes are
 * stable: scripts match on them, so a released code is never renamed.
 */
public final class VmdkCodes {
    private VmdkCodes() {
    }

    /** A file named .vmdk is neither a KDMV sparse extent nor a descriptor text. */
    public static final FindingCode HEADER_BAD_MAGIC = FindingCode.of("vmdk.header.bad-magic");
    /** Sparse header version other than 1, 2 or 3. */
    public static final FindingCode HEADER_UNSUPPORTED_VERSION = FindingCode.of("vmdk.header.unsupported-version");
    /** The newline-detection bytes are not \n, space, \r, \n (an ASCII-mode transfer). */
    public static final FindingCode HEADER_NEWLINE_CORRUPTED = FindingCode.of("vmdk.header.newline-corrupted");
    /** grainSize not a power of two from 8 to 2^21 sectors. */
    public static final FindingCode HEADER_GRAIN_SIZE_INVALID = FindingCode.of("vmdk.header.grain-size-invalid");
    /** numGTEsPerGT other than 512. */
    public static final FindingCode HEADER_GTES_PER_GT_INVALID = FindingCode.of("vmdk.header.gtes-per-gt-invalid");
    /** Capacity whose grain directory would be larger than any tool accepts. */
    public static final FindingCode HEADER_CAPACITY_INVALID = FindingCode.of("vmdk.header.capacity-invalid");
    /** uncleanShutdown set: the VM crashed or still has the disk open. */
    public static final FindingCode HEADER_UNCLEAN_SHUTDOWN = FindingCode.of("vmdk.header.unclean-shutdown");
    /** compressAlgorithm other than 0 (none) or 1 (deflate). */
    public static final FindingCode HEADER_COMPRESSION_UNKNOWN = FindingCode.of("vmdk.header.compression-unknown");
    /** The file ends inside the sparse header or the embedded descriptor. */
    public static final FindingCode FILE_TRUNCATED = FindingCode.of("vmdk.file.truncated");
    /** A descriptor larger than 1 MiB: not read. */
    public static final FindingCode DESCRIPTOR_TOO_LARGE = FindingCode.of("vmdk.descriptor.too-large");
    /** A descriptor line that is no comment, key=value or extent line. */
    public static final FindingCode DESCRIPTOR_GARBAGE_LINE = FindingCode.of("vmdk.descriptor.garbage-line");
    /** The descriptor does not start with '# Disk DescriptorFile'. */
    public static final FindingCode DESCRIPTOR_SIGNATURE_MISSING = FindingCode.of("vmdk.descriptor.signature-missing");
    /** No createType key. */
    public static final FindingCode DESCRIPTOR_CREATE_TYPE_MISSING =
            FindingCode.of("vmdk.descriptor.create-type-missing");
    /** A createType no tool knows. */
    public static final FindingCode DESCRIPTOR_CREATE_TYPE_UNKNOWN =
            FindingCode.of("vmdk.descriptor.create-type-unknown");
    /** CID or parentCID missing or not a 32-bit hex number. */
    public static final FindingCode DESCRIPTOR_CID_INVALID = FindingCode.of("vmdk.descriptor.cid-invalid");
    /** The descriptor lists no extent. */
    public static final FindingCode DESCRIPTOR_NO_EXTENTS = FindingCode.of("vmdk.descriptor.no-extents");
    /** A flat extent (-flat.vmdk) opened alone, with no descriptor naming it beside it. */
    public static final FindingCode DESCRIPTOR_MISSING_BESIDE_FLAT =
            FindingCode.of("vmdk.descriptor.missing-beside-flat");
    /** An ESXi snapshot's data file (-delta.vmdk, -sesparse.vmdk) opened alone, without its descriptor. */
    public static final FindingCode DESCRIPTOR_MISSING_BESIDE_DELTA =
            FindingCode.of("vmdk.descriptor.missing-beside-delta");
    /** An extent file named by the descriptor does not exist or cannot be read. */
    public static final FindingCode EXTENT_MISSING = FindingCode.of("vmdk.extent.missing");
    /** An extent file name resolves outside the descriptor's folder. */
    public static final FindingCode EXTENT_ESCAPE = FindingCode.of("vmdk.extent.escape");
    /** An extent file is smaller than, or its sparse capacity differs from, the sectors the descriptor gives it. */
    public static final FindingCode EXTENT_SIZE_MISMATCH = FindingCode.of("vmdk.extent.size-mismatch");
    /** The extents of an embedded descriptor do not add up to the sparse header's capacity. */
    public static final FindingCode EXTENT_CAPACITY_MISMATCH = FindingCode.of("vmdk.extent.capacity-mismatch");
    /** The embedded descriptor names another file than the one it is in (the file was renamed). */
    public static final FindingCode EXTENT_RENAMED = FindingCode.of("vmdk.extent.renamed");
    /** An extent type whose data this tool does not read (VMFSSPARSE, SESPARSE, VMFSRDM, VMFSRAW). */
    public static final FindingCode EXTENT_UNSUPPORTED = FindingCode.of("vmdk.extent.unsupported");
    /** The grain directory or redundant grain directory does not lie in the file. */
    public static final FindingCode GD_OFFSET_INVALID = FindingCode.of("vmdk.gd.offset-invalid");
    /** A grain directory entry points at a grain table outside the file or inside the header. */
    public static final FindingCode GD_ENTRY_INVALID = FindingCode.of("vmdk.gd.entry-invalid");
    /** The redundant grain tables differ from the primary ones. */
    public static final FindingCode GD_REDUNDANT_MISMATCH = FindingCode.of("vmdk.gd.redundant-mismatch");
    /** A grain table entry points past the end of the file. */
    public static final FindingCode GT_ENTRY_PAST_EOF = FindingCode.of("vmdk.gt.entry-past-eof");
    /** Two grain table entries point at the same grain. */
    public static final FindingCode GT_GRAIN_DUPLICATE = FindingCode.of("vmdk.gt.grain-duplicate");
    /** A grain table entry points into the header, descriptor, a grain directory or a grain table. */
    public static final FindingCode GT_GRAIN_OVERLAPS_METADATA = FindingCode.of("vmdk.gt.grain-overlaps-metadata");
    /** An uncompressed grain that does not start on the grain grid (overhead plus a multiple of the grain size). */
    public static final FindingCode GT_GRAIN_MISALIGNED = FindingCode.of("vmdk.gt.grain-misaligned");
    /** A compressed grain whose marker size makes it run into the next grain. */
    public static final FindingCode STREAM_GRAINS_OVERLAP = FindingCode.of("vmdk.stream.grains-overlap");
    /** A streamOptimized extent with a sparse version below 3, which ESXi refuses. */
    public static final FindingCode STREAM_VERSION_TOO_OLD = FindingCode.of("vmdk.stream.version-too-old");
    /** The grain directory is at the end, but no valid footer gives its offset. */
    public static final FindingCode STREAM_FOOTER_INVALID = FindingCode.of("vmdk.stream.footer-invalid");
    /** A compressed grain whose marker or zlib header (always) or deflate data (deep checks) is damaged. */
    public static final FindingCode STREAM_GRAIN_INVALID = FindingCode.of("vmdk.stream.grain-invalid");
    /** A delta disk (parentCID set) that does not name its parent. */
    public static final FindingCode CHAIN_PARENT_HINT_MISSING = FindingCode.of("vmdk.chain.parent-hint-missing");
    /** The change-tracking file named by changeTrackPath is missing. */
    public static final FindingCode CHAIN_CTK_MISSING = FindingCode.of("vmdk.chain.ctk-missing");
}
