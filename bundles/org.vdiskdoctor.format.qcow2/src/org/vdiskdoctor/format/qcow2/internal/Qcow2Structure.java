// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.dec;
import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Header.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.format.qcow2.internal.FeatureBits.Kind;
import org.vdiskdoctor.format.qcow2.internal.HeaderExtensions.Extension;

/**
 * The structure tree of a QCOW2 image for {@code inspect} and the Disk Inspector: header fields with their byte
 * ranges (named as in QEMU's specification), feature bits by name, each header extension, the backing file name,
 * the encryption and the locations of the L1, refcount and snapshot tables, parsed at open. When the L1 table can
 * be walked, also the allocation of the active L1 ({@link AllocationSummary}, bounded) and the snapshot entries
 * ({@link SnapshotTable}), read now.
 */
final class Qcow2Structure {

    private Qcow2Structure() {
    }

    static StructureNode describe(Qcow2Image img) throws java.io.IOException {
        Qcow2Header h = img.header();
        StructureNode.Builder root = StructureNode.node("qcow2");
        root.value(img.interpretable() ? "version " + h.version() : "not an interpretable QCOW2 header");
        root.range(0, img.interpretable() ? Math.min(h.headerLength(), h.fileSize()) : h.available());
        root.child(header(h, img.extensions()));
        if (!img.interpretable()) return root.build();
        root.child(extensions(img.extensions()));
        root.child(backing(img));
        root.child(encryption(h, img.extensions()));
        String dataFile = ExternalDataFile.name(img.extensions());
        if (dataFile != null || ExternalDataFile.enabled(h)) {
            root.child(StructureNode.node("external data file")
                    .value(dataFile == null ? "(name missing)" : dataFile + (ExternalDataFile.raw(h) ? " (raw)" : ""))
                    .build());
        }
        root.child(tables(h));
        if (GuestAccess.mappable(h, img.source())) {
            root.child(AllocationSummary.walk(h, img.source(), AllocationSummary.MAX_ENTRIES).node());
            if (h.nbSnapshots() > 0) root.child(SnapshotTable.node(h, img.source()));
        }
        return root.build();
    }

    private static StructureNode header(Qcow2Header h, HeaderExtensions ext) {
        StructureNode.Builder n = StructureNode.node("header").range(0, Math.min(h.available(), h.fixedLength()));
        n.value(h.magicValid() ? "QCOW2" : "magic damaged");
        if (h.has(OFF_MAGIC, 4)) {
            n.field("magic", h.magicHex() + (h.magicValid() ? " (QFI\\xfb)" : " (expected 51 46 49 fb)"), OFF_MAGIC, 4);
        }
        if (h.has(OFF_VERSION, 4)) n.field("version", h.version(), OFF_VERSION, 4);
        if (!h.complete()) return n.build();
        n.field("backing_file_offset", hex(h.backingFileOffset()), OFF_BACKING_OFFSET, 8);
        n.field("backing_file_size", h.backingFileSize(), OFF_BACKING_SIZE, 4);
        n.field("cluster_bits", h.clusterBits() + (h.clusterBitsValid() ? " (" + h.clusterSize() + "-byte clusters)"
                : " (invalid)"), OFF_CLUSTER_BITS, 4);
        n.field("size", dec(h.size()), OFF_SIZE, 8);
        n.field("crypt_method", h.cryptMethod() + " (" + Encryption.methodName(h.cryptMethod()) + ")",
                OFF_CRYPT_METHOD, 4);
        n.field("l1_size", h.l1Size(), OFF_L1_SIZE, 4);
        n.field("l1_table_offset", hex(h.l1TableOffset()), OFF_L1_OFFSET, 8);
        n.field("refcount_table_offset", hex(h.refcountTableOffset()), OFF_REFCOUNT_OFFSET, 8);
        n.field("refcount_table_clusters", h.refcountTableClusters(), OFF_REFCOUNT_CLUSTERS, 4);
        n.field("nb_snapshots", h.nbSnapshots(), OFF_NB_SNAPSHOTS, 4);
        n.field("snapshots_offset", hex(h.snapshotsOffset()), OFF_SNAPSHOTS_OFFSET, 8);
        if (!h.isV3()) {
            n.field("refcount_order", "4 (16-bit refcounts, implied by version 2)", -1, 0);
            return n.build();
        }
        n.child(features(Kind.INCOMPATIBLE, "incompatible_features", h.incompatibleFeatures(), ext));
        n.child(features(Kind.COMPATIBLE, "compatible_features", h.compatibleFeatures(), ext));
        n.child(features(Kind.AUTOCLEAR, "autoclear_features", h.autoclearFeatures(), ext));
        n.field("refcount_order", h.refcountOrder() + " (" + HeaderChecks.refcountWidth(h.refcountOrder())
                + " refcounts)", OFF_REFCOUNT_ORDER, 4);
        n.field("header_length", h.headerLength(), OFF_HEADER_LENGTH, 4);
        if (h.hasCompressionTypeField()) {
            n.field("compression_type", h.compressionType() + " (" + FeatureBits.compressionName(h.compressionType())
                    + ")", OFF_COMPRESSION_TYPE, 1);
        }
        return n.build();
    }

    private static StructureNode features(Kind kind, String name, long mask, HeaderExtensions ext) {
        StructureNode.Builder n = StructureNode.node(name).value(hex(mask)).range(kind.offset, 8);
        for (int bit = 0; bit < 64; bit++) {
            if ((mask & (1L << bit)) == 0) continue;
            // bit 0 is the last byte of the big-endian field
            n.field("bit " + bit, FeatureBits.name(kind, bit, ext), kind.offset + 7 - bit / 8, 1);
        }
        return n.build();
    }

    private static StructureNode extensions(HeaderExtensions ext) {
        StructureNode.Builder n = StructureNode.node("header extensions").value(ext.all().size() + " extensions");
        if (ext.end() > ext.start()) n.range(ext.start(), ext.end() - ext.start());
        for (Extension e : ext.all()) {
            StructureNode.Builder x = StructureNode.node(HeaderExtensions.nameOf(e.type())).value(e.typeHex())
                    .range(e.offset(), 8 + e.length());
            x.field("type", e.typeHex(), e.offset(), 4);
            x.field("length", e.length(), e.offset() + 4, 4);
            extensionData(e, x);
            n.child(x.build());
        }
        return n.build();
    }

    private static void extensionData(Extension e, StructureNode.Builder x) {
        long at = e.dataOffset();
        ByteBuffer b = e.buffer();
        switch (e.type()) {
            case HeaderExtensions.BACKING_FORMAT, HeaderExtensions.EXTERNAL_DATA_FILE -> x.field("data",
                    BackingFile.printable(new String(e.data(), StandardCharsets.UTF_8)), at,
                    e.length());
            case HeaderExtensions.FULL_DISK_ENCRYPTION -> {
                if (e.length() != HeaderExtensions.FDE_LENGTH) return;
                x.field("luks_header_offset", hex(b.getLong(0)), at, 8);
                x.field("luks_header_length", dec(b.getLong(8)), at + 8, 8);
            }
            case HeaderExtensions.BITMAPS -> {
                if (e.length() != HeaderExtensions.BITMAPS_LENGTH) return;
                x.field("nb_bitmaps", Integer.toUnsignedLong(b.getInt(0)), at, 4);
                x.field("bitmap_directory_size", dec(b.getLong(8)), at + 8, 8);
                x.field("bitmap_directory_offset", hex(b.getLong(16)), at + 16, 8);
            }
            case HeaderExtensions.FEATURE_NAME_TABLE -> {
                for (FeatureBits.NamedBit f : FeatureBits.nameTable(e)) {
                    String kind = f.type() < Kind.values().length ? Kind.values()[f.type()].label()
                            : "type " + f.type();
                    x.field(kind + " bit " + f.bit(), f.name(), f.offset(), 48);
                }
            }
            default -> x.field("data", e.length() + " bytes", at, e.length());
        }
    }

    private static StructureNode backing(Qcow2Image img) {
        Qcow2Header h = img.header();
        BackingFile.Parsed b = img.parsedBacking();
        StructureNode.Builder n = StructureNode.node("backing file");
        if (b == null) {
            n.value(h.backingFileOffset() == 0 ? "(none)" : "(unreadable: see findings)");
            if (h.backingFileOffset() > 0) n.range(h.backingFileOffset(), Math.min(h.backingFileSize(), 1L << 32));
            return n.build();
        }
        n.value(BackingFile.printable(b.name())).range(b.offset(), b.size());
        n.field("stored name", BackingFile.printable(b.rawName()), b.offset(), b.size());
        n.field("format", b.qemuFormat() == null ? "(not specified)" : b.qemuFormat(), -1, 0);
        if (b.formatId() != null) n.field("format id", b.formatId(), -1, 0);
        return n.build();
    }

    private static StructureNode encryption(Qcow2Header h, HeaderExtensions ext) {
        StructureNode.Builder n = StructureNode.node("encryption").value(Encryption.methodName(h.cryptMethod()))
                .range(OFF_CRYPT_METHOD, 4);
        Encryption.LuksHeader luks = Encryption.luksHeader(ext);
        if (luks != null) {
            boolean ranged = luks.offset() >= 0 && luks.length() >= 0;
            n.field("luks header", dec(luks.length()) + " bytes at " + hex(luks.offset()),
                    ranged ? luks.offset() : -1, ranged ? luks.length() : 0);
        }
        return n.build();
    }

    private static StructureNode tables(Qcow2Header h) {
        StructureNode.Builder n = StructureNode.node("tables");
        boolean clustered = h.clusterBitsValid();
        StructureNode.Builder l1 = StructureNode.node("l1 table")
                .value(h.l1Size() + " entries at " + hex(h.l1TableOffset()));
        if (h.l1TableOffset() >= 0) l1.range(h.l1TableOffset(), h.l1Size() * 8);
        l1.field("entries", h.l1Size(), OFF_L1_SIZE, 4);
        if (clustered && !HeaderChecks.sizeTooLarge(h)) l1.field("entries needed", h.l1EntriesNeeded(), -1, 0);
        n.child(l1.build());
        long rtBytes = clustered ? h.refcountTableClusters() << h.clusterBits() : 0;
        StructureNode.Builder rt = StructureNode.node("refcount table")
                .value(h.refcountTableClusters() + " clusters at " + hex(h.refcountTableOffset()));
        if (h.refcountTableOffset() >= 0) rt.range(h.refcountTableOffset(), rtBytes);
        rt.field("clusters", h.refcountTableClusters(), OFF_REFCOUNT_CLUSTERS, 4);
        if (clustered) rt.field("entries", rtBytes / 8, -1, 0);
        n.child(rt.build());
        StructureNode.Builder st = StructureNode.node("snapshot table")
                .value(h.nbSnapshots() + " snapshots at " + hex(h.snapshotsOffset()));
        if (h.snapshotsOffset() >= 0) st.range(h.snapshotsOffset(), h.nbSnapshots() * MetadataTables.SNAPSHOT_HEADER);
        st.field("count", h.nbSnapshots(), OFF_NB_SNAPSHOTS, 4);
        n.child(st.build());
        return n.build();
    }
}
