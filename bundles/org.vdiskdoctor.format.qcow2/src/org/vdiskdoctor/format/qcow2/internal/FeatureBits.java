// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Header.OFF_AUTOCLEAR;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Header.OFF_COMPATIBLE;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Header.OFF_COMPRESSION_TYPE;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Header.OFF_INCOMPATIBLE;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/**
 * The three feature bit fields of a version 3 header (incompatible at 72, compatible at 80, autoclear at 88),
 * decoded by name, and the compression_type byte at 104 that incompatible bit 3 announces. Bits QEMU does not know
 * are named from the image's own feature name table extension when it has an entry for them.
 */
final class FeatureBits {

    static final long INCOMPAT_DIRTY = 1L;
    static final long INCOMPAT_CORRUPT = 1L << 1;
    static final long INCOMPAT_DATA_FILE = 1L << 2;
    static final long INCOMPAT_COMPRESSION = 1L << 3;
    static final long INCOMPAT_EXTENDED_L2 = 1L << 4;
    static final long INCOMPAT_KNOWN = 0x1fL;
    static final long COMPAT_LAZY_REFCOUNTS = 1L;
    static final long COMPAT_KNOWN = 0x1L;
    static final long AUTOCLEAR_BITMAPS = 1L;
    static final long AUTOCLEAR_DATA_FILE_RAW = 1L << 1;
    static final long AUTOCLEAR_KNOWN = 0x3L;

    static final int COMPRESSION_ZLIB = 0;
    static final int COMPRESSION_ZSTD = 1;

    /** One of the three fields: its feature name table type and its known bit names. */
    enum Kind {
        INCOMPATIBLE(0, OFF_INCOMPATIBLE, "dirty", "corrupt", "external data file", "compression type",
                "extended L2 entries"),
        COMPATIBLE(1, OFF_COMPATIBLE, "lazy refcounts"),
        AUTOCLEAR(2, OFF_AUTOCLEAR, "bitmaps", "raw external data");

        final int tableType;
        final int offset;
        private final String[] known;

        Kind(int tableType, int offset, String... known) {
            this.tableType = tableType;
            this.offset = offset;
            this.known = known;
        }

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final int NAME_ENTRY = 48;

    private FeatureBits() {
    }

    /** The name of {@code bit}: QEMU's, else the image's feature name table entry, else {@code "bit N"}. */
    static String name(Kind kind, int bit, HeaderExtensions ext) {
        if (bit < kind.known.length) return kind.known[bit];
        String fromTable = tableName(kind, bit, ext);
        return fromTable != null ? "bit " + bit + " ('" + fromTable + "' per the image's feature name table)"
                : "bit " + bit;
    }

    /** The names of every set bit of {@code mask}, lowest first. */
    static List<String> names(Kind kind, long mask, HeaderExtensions ext) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((mask & (1L << bit)) != 0) out.add(name(kind, bit, ext));
        }
        return out;
    }

    /** One entry of the feature name table extension: field type (0, 1, 2), bit, name, and where it lies. */
    record NamedBit(int type, int bit, String name, long offset) {
    }

    /** The image's feature name table (48-byte entries: u8 type, u8 bit, 46-byte NUL-padded name). */
    static List<NamedBit> nameTable(HeaderExtensions.Extension t) {
        if (t == null) return List.of();
        List<NamedBit> out = new ArrayList<>();
        ByteBuffer b = t.buffer();
        for (int at = 0; at + NAME_ENTRY <= b.limit(); at += NAME_ENTRY) {
            int len = 0;
            while (len < NAME_ENTRY - 2 && b.get(at + 2 + len) != 0) len++;
            String name = BackingFile.printable(new String(t.data(), at + 2, len, StandardCharsets.US_ASCII));
            out.add(new NamedBit(Byte.toUnsignedInt(b.get(at)), Byte.toUnsignedInt(b.get(at + 1)), name,
                    t.dataOffset() + at));
        }
        return out;
    }

    private static String tableName(Kind kind, int bit, HeaderExtensions ext) {
        for (NamedBit n : nameTable(ext.find(HeaderExtensions.FEATURE_NAME_TABLE))) {
            if (n.type() == kind.tableType && n.bit() == bit) return n.name();
        }
        return null;
    }

    /** Reports the feature bits of {@code h} (all zero in version 2) except the external data file bit. */
    static void check(Qcow2Header h, HeaderExtensions ext, Problems p) {
        long incompat = h.incompatibleFeatures();
        if ((incompat & INCOMPAT_DIRTY) != 0) {
            if ((h.compatibleFeatures() & COMPAT_LAZY_REFCOUNTS) != 0) {
                p.add(Qcow2Codes.FEATURE_DIRTY_LAZY_REFCOUNTS, OFF_INCOMPATIBLE, 8, "the dirty bit is set and the"
                        + " image uses lazy refcounts: refcounts expected stale, QEMU rebuilds them on a read-write"
                        + " open");
            } else {
                p.add(Qcow2Codes.FEATURE_DIRTY, OFF_INCOMPATIBLE, 8, "the dirty bit is set, but lazy refcounts"
                        + " (compatible bit 0) are off: a writer that should keep refcounts current left them"
                        + " possibly stale; QEMU runs a refcount repair on its next read-write open");
            }
        }
        if ((incompat & INCOMPAT_CORRUPT) != 0) {
            p.add(Qcow2Codes.FEATURE_CORRUPT, OFF_INCOMPATIBLE, 8, "the corrupt bit is set: QEMU found inconsistent"
                    + " metadata and marked the image (QEMU: 'qcow2: Image is corrupt; cannot be opened read/write')");
        }
        if ((incompat & INCOMPAT_EXTENDED_L2) != 0) {
            p.add(Qcow2Codes.FEATURE_EXTENDED_L2, OFF_INCOMPATIBLE, 8, "the image uses extended L2 entries"
                    + " (subclusters, incompatible bit 4): it needs QEMU 5.2 or later");
        }
        long unknown = incompat & ~INCOMPAT_KNOWN;
        if (unknown != 0) {
            p.add(Qcow2Codes.FEATURE_UNKNOWN_INCOMPATIBLE, OFF_INCOMPATIBLE, 8, "incompatible feature bits "
                    + hex(unknown) + " are unknown: " + String.join(", ", names(Kind.INCOMPATIBLE, unknown, ext))
                    + " (QEMU: 'Unsupported qcow2 feature(s)'; it refuses to open the image)");
        }
        long compat = h.compatibleFeatures() & ~COMPAT_KNOWN;
        if (compat != 0) {
            p.add(Qcow2Codes.FEATURE_UNKNOWN_COMPATIBLE, OFF_COMPATIBLE, 8, "compatible feature bits " + hex(compat)
                    + " are unknown: " + String.join(", ", names(Kind.COMPATIBLE, compat, ext))
                    + "; readers may ignore them");
        }
        long autoclear = h.autoclearFeatures() & ~AUTOCLEAR_KNOWN;
        if (autoclear != 0) {
            p.add(Qcow2Codes.FEATURE_UNKNOWN_AUTOCLEAR, OFF_AUTOCLEAR, 8, "autoclear feature bits " + hex(autoclear)
                    + " are unknown: " + String.join(", ", names(Kind.AUTOCLEAR, autoclear, ext))
                    + "; QEMU clears them on its next read-write open");
        }
        checkCompression(h, p);
    }

    private static void checkCompression(Qcow2Header h, Problems p) {
        boolean bit = (h.incompatibleFeatures() & INCOMPAT_COMPRESSION) != 0;
        if (!h.isV3()) return;
        if (!h.hasCompressionTypeField()) {
            if (bit) p.add(Qcow2Codes.FEATURE_COMPRESSION_TYPE_INVALID, OFF_INCOMPATIBLE, 8, "incompatible bit 3"
                    + " (compression type) is set, but header_length " + h.headerLength()
                    + " leaves no room for the compression_type byte at offset 104");
            return;
        }
        int type = h.compressionType();
        if (type != COMPRESSION_ZLIB && type != COMPRESSION_ZSTD) {
            p.add(Qcow2Codes.FEATURE_COMPRESSION_TYPE_INVALID, OFF_COMPRESSION_TYPE, 1, "compression_type is " + type
                    + ", neither 0 (zlib) nor 1 (zstd) (QEMU: 'qcow2: unknown compression type: " + type + "')");
        } else if (type == COMPRESSION_ZLIB && bit) {
            p.add(Qcow2Codes.FEATURE_COMPRESSION_TYPE_INVALID, OFF_INCOMPATIBLE, 8, "incompatible bit 3 (compression"
                    + " type) is set, but compression_type is 0 (zlib) (QEMU: 'Compression type incompatible feature"
                    + " bit must not be set')");
        } else if (type == COMPRESSION_ZSTD && !bit) {
            p.add(Qcow2Codes.FEATURE_COMPRESSION_TYPE_INVALID, OFF_COMPRESSION_TYPE, 1, "compression_type is 1"
                    + " (zstd), but incompatible bit 3 (compression type) is clear (QEMU: 'Compression type"
                    + " incompatible feature bit must be set')");
        } else if (type == COMPRESSION_ZSTD) {
            p.add(Qcow2Codes.FEATURE_ZSTD, OFF_COMPRESSION_TYPE, 1, "compressed clusters use zstd"
                    + " (compression_type 1): QEMU 5.1 or later built with zstd is needed to read them");
        }
    }

    /** {@code "zlib"}, {@code "zstd"} or {@code "unknown (N)"}. */
    static String compressionName(int type) {
        return switch (type) {
            case COMPRESSION_ZLIB -> "zlib";
            case COMPRESSION_ZSTD -> "zstd";
            default -> "unknown (" + type + ")";
        };
    }
}
