// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2;

import org.vdiskdoctor.core.FindingCode;

/**
 * The finding codes of the QCOW2 driver, {@code qcow2.<structure>.<problem>}. Each is declared with its default
 * severity, title and explanation in this bundle's {@code META-INF/vdiskdoctor/findings.properties}. Codes are
 * stable: scripts match on them, so a released code is never renamed.
 */
public final class Qcow2Codes {
    private Qcow2Codes() {
    }

    /** The first four bytes are not {@code QFI\xfb} (file named like a QCOW2 image). */
    public static final FindingCode HEADER_BAD_MAGIC = FindingCode.of("qcow2.header.bad-magic");
    /** The version is neither 2 nor 3. */
    public static final FindingCode HEADER_UNSUPPORTED_VERSION = FindingCode.of("qcow2.header.unsupported-version");
    /** Version 3 header_length below 104 bytes. */
    public static final FindingCode HEADER_LENGTH_TOO_SMALL = FindingCode.of("qcow2.header.length-too-small");
    /** Version 3 header_length not a multiple of 8. */
    public static final FindingCode HEADER_LENGTH_UNALIGNED = FindingCode.of("qcow2.header.length-unaligned");
    /** Version 3 header_length larger than one cluster. */
    public static final FindingCode HEADER_LENGTH_BEYOND_CLUSTER = FindingCode.of("qcow2.header.length-beyond-cluster");
    /** cluster_bits outside 9..21. */
    public static final FindingCode HEADER_CLUSTER_BITS_OUT_OF_RANGE =
            FindingCode.of("qcow2.header.cluster-bits-out-of-range");
    /** Virtual size 0. */
    public static final FindingCode HEADER_SIZE_ZERO = FindingCode.of("qcow2.header.size-zero");
    /** Virtual size larger than any L1 table QEMU accepts can map. */
    public static final FindingCode HEADER_SIZE_TOO_LARGE = FindingCode.of("qcow2.header.size-too-large");
    /** refcount_order above 6 (refcounts wider than 64 bits). */
    public static final FindingCode HEADER_REFCOUNT_ORDER_INVALID =
            FindingCode.of("qcow2.header.refcount-order-invalid");
    /** The file ends inside the header, the header cluster or a metadata table. */
    public static final FindingCode FILE_TRUNCATED = FindingCode.of("qcow2.file.truncated");

    /** crypt_method other than 0, 1 or 2. */
    public static final FindingCode CRYPT_UNKNOWN_METHOD = FindingCode.of("qcow2.crypt.unknown-method");
    /** Legacy built-in AES-CBC encryption (crypt_method 1). */
    public static final FindingCode CRYPT_AES = FindingCode.of("qcow2.crypt.aes");
    /** LUKS encryption (crypt_method 2): guest content cannot be checked without the key. */
    public static final FindingCode CRYPT_LUKS = FindingCode.of("qcow2.crypt.luks");
    /** LUKS encryption without the full-disk-encryption header extension. */
    public static final FindingCode CRYPT_LUKS_HEADER_MISSING = FindingCode.of("qcow2.crypt.luks-header-missing");
    /** The LUKS header extension is present without LUKS, or points at an unaligned or missing range. */
    public static final FindingCode CRYPT_LUKS_HEADER_INVALID = FindingCode.of("qcow2.crypt.luks-header-invalid");

    /** Dirty bit set without lazy refcounts. */
    public static final FindingCode FEATURE_DIRTY = FindingCode.of("qcow2.feature.dirty");
    /** Dirty bit set with lazy refcounts: refcounts are expected to be stale. */
    public static final FindingCode FEATURE_DIRTY_LAZY_REFCOUNTS = FindingCode.of("qcow2.feature.dirty-lazy-refcounts");
    /** Corrupt bit set. */
    public static final FindingCode FEATURE_CORRUPT = FindingCode.of("qcow2.feature.corrupt");
    /** Incompatible feature bits QEMU does not know: it refuses to open the image. */
    public static final FindingCode FEATURE_UNKNOWN_INCOMPATIBLE = FindingCode.of("qcow2.feature.unknown-incompatible");
    /** Compatible feature bits QEMU does not know. */
    public static final FindingCode FEATURE_UNKNOWN_COMPATIBLE = FindingCode.of("qcow2.feature.unknown-compatible");
    /** Autoclear feature bits QEMU does not know. */
    public static final FindingCode FEATURE_UNKNOWN_AUTOCLEAR = FindingCode.of("qcow2.feature.unknown-autoclear");
    /** Extended L2 entries (subclusters). */
    public static final FindingCode FEATURE_EXTENDED_L2 = FindingCode.of("qcow2.feature.extended-l2");
    /** zstd compression type. */
    public static final FindingCode FEATURE_ZSTD = FindingCode.of("qcow2.feature.zstd");
    /** compression_type unknown, or inconsistent with incompatible bit 3. */
    public static final FindingCode FEATURE_COMPRESSION_TYPE_INVALID =
            FindingCode.of("qcow2.feature.compression-type-invalid");

    /** A header extension runs past the header area or the file. */
    public static final FindingCode EXTENSION_OVERRUN = FindingCode.of("qcow2.extension.overrun");
    /** A header extension of a type this tool does not know. */
    public static final FindingCode EXTENSION_UNKNOWN = FindingCode.of("qcow2.extension.unknown");
    /** More header extensions than any writer produces. */
    public static final FindingCode EXTENSION_TOO_MANY = FindingCode.of("qcow2.extension.too-many");
    /** A known header extension with a length QEMU rejects. */
    public static final FindingCode EXTENSION_BAD_LENGTH = FindingCode.of("qcow2.extension.bad-length");

    /** A backing file without a backing format extension. */
    public static final FindingCode BACKING_FORMAT_MISSING = FindingCode.of("qcow2.backing.format-missing");
    /** A backing format extension without a backing file. */
    public static final FindingCode BACKING_FORMAT_WITHOUT_FILE = FindingCode.of("qcow2.backing.format-without-file");
    /** A backing format that is empty or not a format name. */
    public static final FindingCode BACKING_FORMAT_INVALID = FindingCode.of("qcow2.backing.format-invalid");
    /** The backing file name lies outside the first cluster or the file. */
    public static final FindingCode BACKING_NAME_OUT_OF_BOUNDS = FindingCode.of("qcow2.backing.name-out-of-bounds");
    /** The backing file name is longer than 1023 bytes. */
    public static final FindingCode BACKING_NAME_TOO_LONG = FindingCode.of("qcow2.backing.name-too-long");
    /** The backing file name is empty. */
    public static final FindingCode BACKING_NAME_EMPTY = FindingCode.of("qcow2.backing.name-empty");
    /** The backing file name contains a NUL byte. */
    public static final FindingCode BACKING_NAME_CONTAINS_NUL = FindingCode.of("qcow2.backing.name-contains-nul");
    /** The backing file name is not valid UTF-8. */
    public static final FindingCode BACKING_NAME_NOT_UTF8 = FindingCode.of("qcow2.backing.name-not-utf8");

    /** Guest data lives in an external data file. */
    public static final FindingCode DATA_FILE_EXTERNAL = FindingCode.of("qcow2.data-file.external");
    /** External data file bit set but no data file name extension. */
    public static final FindingCode DATA_FILE_NAME_MISSING = FindingCode.of("qcow2.data-file.name-missing");
    /** A data file name extension without the external data file bit. */
    public static final FindingCode DATA_FILE_NAME_WITHOUT_FEATURE =
            FindingCode.of("qcow2.data-file.name-without-feature");
    /** The raw-external-data autoclear bit without an external data file. */
    public static final FindingCode DATA_FILE_RAW_WITHOUT_FILE = FindingCode.of("qcow2.data-file.raw-without-file");

    /** l1_size smaller than the virtual size needs. */
    public static final FindingCode L1_TABLE_TOO_SMALL = FindingCode.of("qcow2.l1-table.too-small");
    /** l1_size above QEMU's 32 MiB L1 limit. */
    public static final FindingCode L1_TABLE_TOO_LARGE = FindingCode.of("qcow2.l1-table.too-large");
    /** l1_table_offset not cluster-aligned. */
    public static final FindingCode L1_TABLE_UNALIGNED = FindingCode.of("qcow2.l1-table.unaligned");
    /** The L1 table starts beyond the end of the file. */
    public static final FindingCode L1_TABLE_PAST_EOF = FindingCode.of("qcow2.l1-table.past-eof");
    /** The L1 table lies in the header cluster. */
    public static final FindingCode L1_TABLE_OVERLAPS_HEADER = FindingCode.of("qcow2.l1-table.overlaps-header");

    /** refcount_table_clusters is 0. */
    public static final FindingCode REFCOUNT_TABLE_EMPTY = FindingCode.of("qcow2.refcount-table.empty");
    /** The refcount table is larger than QEMU's 8 MiB limit. */
    public static final FindingCode REFCOUNT_TABLE_TOO_LARGE = FindingCode.of("qcow2.refcount-table.too-large");
    /** refcount_table_offset not cluster-aligned. */
    public static final FindingCode REFCOUNT_TABLE_UNALIGNED = FindingCode.of("qcow2.refcount-table.unaligned");
    /** The refcount table starts beyond the end of the file. */
    public static final FindingCode REFCOUNT_TABLE_PAST_EOF = FindingCode.of("qcow2.refcount-table.past-eof");
    /** The refcount table lies in the header cluster. */
    public static final FindingCode REFCOUNT_TABLE_OVERLAPS_HEADER =
            FindingCode.of("qcow2.refcount-table.overlaps-header");

    /** nb_snapshots above QEMU's 65536. */
    public static final FindingCode SNAPSHOT_TABLE_TOO_MANY = FindingCode.of("qcow2.snapshot-table.too-many");
    /** snapshots_offset not cluster-aligned. */
    public static final FindingCode SNAPSHOT_TABLE_UNALIGNED = FindingCode.of("qcow2.snapshot-table.unaligned");
    /** The snapshot table lies (partly) beyond the end of the file. */
    public static final FindingCode SNAPSHOT_TABLE_PAST_EOF = FindingCode.of("qcow2.snapshot-table.past-eof");
    /** The snapshot table lies in the header cluster. */
    public static final FindingCode SNAPSHOT_TABLE_OVERLAPS_HEADER =
            FindingCode.of("qcow2.snapshot-table.overlaps-header");

    // guest reads (L1/L2 mapping, compressed clusters, external data file)

    /** The image is encrypted: guest content cannot be read without the key. */
    public static final FindingCode GUEST_ENCRYPTED = FindingCode.of("qcow2.guest.encrypted");
    /** The external data file name resolves outside the image's folder: not followed. */
    public static final FindingCode DATA_FILE_ESCAPE = FindingCode.of("qcow2.data-file.escape");
    /** The external data file does not exist, is not a regular file or cannot be opened. */
    public static final FindingCode DATA_FILE_UNAVAILABLE = FindingCode.of("qcow2.data-file.unavailable");

    // --- consistency check (refcounts, L1/L2 tables, snapshots, bitmaps) ---

    /** A cluster's on-disk refcount is above the number of references found: space is wasted. */
    public static final FindingCode REFCOUNT_LEAK = FindingCode.of("qcow2.refcount.leak");
    /** A cluster's on-disk refcount is below the number of references found (0 for a used cluster included). */
    public static final FindingCode REFCOUNT_TOO_LOW = FindingCode.of("qcow2.refcount.too-low");
    /** Dirty with lazy refcounts: the refcount mismatches found are the expected stale state, summarised once. */
    public static final FindingCode REFCOUNT_STALE_LAZY = FindingCode.of("qcow2.refcount.stale-lazy");
    /** A refcount table entry points at a block that covers only clusters beyond the end of the file. */
    public static final FindingCode REFCOUNT_BLOCK_COVERS_NOTHING = FindingCode.of("qcow2.refcount-block.covers-nothing");
    /** An active L1 entry's COPIED flag disagrees with its L2 table's refcount. */
    public static final FindingCode L1_ENTRY_COPIED_MISMATCH = FindingCode.of("qcow2.l1-entry.copied-mismatch");
    /** A non-zero active L1 entry beyond the entries the virtual size needs. */
    public static final FindingCode L1_ENTRY_BEYOND_SIZE = FindingCode.of("qcow2.l1-entry.beyond-virtual-size");
    /** An active L2 entry's COPIED flag disagrees with its data cluster's refcount. */
    public static final FindingCode L2_ENTRY_COPIED_MISMATCH = FindingCode.of("qcow2.l2-entry.copied-mismatch");
    /** A compressed L2 entry with the COPIED flag, which compressed clusters never have. */
    public static final FindingCode L2_ENTRY_COMPRESSED_COPIED = FindingCode.of("qcow2.l2-entry.compressed-copied");
    /** A table entry points (a cluster or more) beyond the end of the file. */
    public static final FindingCode REFERENCE_PAST_EOF = FindingCode.of("qcow2.reference.past-eof");
    /** A table entry's offset is not cluster-aligned. */
    public static final FindingCode REFERENCE_UNALIGNED = FindingCode.of("qcow2.reference.unaligned");
    /** A table entry has reserved bits set. */
    public static final FindingCode REFERENCE_RESERVED_BITS = FindingCode.of("qcow2.reference.reserved-bits");
    /** One cluster is used by two structures that must not share it. */
    public static final FindingCode METADATA_OVERLAP = FindingCode.of("qcow2.metadata.overlap");
    /** A snapshot table entry that cannot be used as it is. */
    public static final FindingCode SNAPSHOT_ENTRY_INVALID = FindingCode.of("qcow2.snapshot-table.entry-invalid");
    /** The bitmap directory or a bitmap table is damaged. */
    public static final FindingCode BITMAP_INVALID = FindingCode.of("qcow2.bitmap.invalid");
    /** The corrupt bit is set and the check found what is damaged. */
    public static final FindingCode FEATURE_CORRUPT_CONFIRMED = FindingCode.of("qcow2.feature.corrupt-confirmed");
    /** The file has more clusters than this run's memory allows counting. */
    public static final FindingCode CHECK_TOO_LARGE = FindingCode.of("qcow2.check.too-large");
}
