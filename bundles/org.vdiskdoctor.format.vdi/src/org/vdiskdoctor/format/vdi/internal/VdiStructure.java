// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import static org.vdiskdoctor.format.vdi.internal.Problems.hex;
import static org.vdiskdoctor.format.vdi.internal.VdiHeader.*;

import java.io.IOException;

import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * The structure description of a VDI image: the pre-header, the header fields with their offsets, and a summary of
 * the block map (counted in bounded chunks) when the header locates it.
 */
final class VdiStructure {

    private VdiStructure() {
    }

    static StructureNode describe(VdiImage img) throws IOException {
        VdiHeader h = img.header();
        StructureNode.Builder root = StructureNode.node("VDI image").value(img.source().path().getFileName())
                .range(0, img.source().size());
        root.child(StructureNode.node("pre-header").range(0, PRE_HEADER_LENGTH)
                .field("text", HeaderChecks.printable(h.text()), OFF_TEXT, TEXT_LENGTH)
                .field("signature", hex(h.signature()), OFF_SIGNATURE, 4)
                .field("version", h.versionMajor() + "." + h.versionMinor(), OFF_VERSION, 4).build());
        if (!HeaderChecks.interpretable(h)) return root.build();
        root.child(header(h));
        Layout layout = img.layout();
        if (layout != null) root.child(blockMap(img, layout));
        if (img.parent() != null) {
            root.child(StructureNode.node("parent").value(img.parent().name())
                    .field("found in", img.parent().where(), -1, 0)
                    .field("files read", img.parent().scanned(), -1, 0).build());
        }
        return root.build();
    }

    private static StructureNode header(VdiHeader h) {
        StructureNode.Builder b = StructureNode.node("header").range(PRE_HEADER_LENGTH, h.headerSize());
        b.field("header size", h.headerSize() + (h.plus() ? " (1plus)" : ""), OFF_HEADER_SIZE, 4);
        b.field("image type", h.type() + " " + HeaderChecks.typeName(h.type()), OFF_TYPE, 4);
        b.field("flags", hex(h.flags()), OFF_FLAGS, 4);
        b.field("comment", h.comment(), OFF_COMMENT, COMMENT_LENGTH);
        b.field("block map offset", hex(h.offBlocks()), OFF_BLOCKS, 4);
        b.field("data offset", hex(h.offData()), OFF_DATA, 4);
        b.field("legacy geometry", h.legacyCylinders() + "/" + h.legacyHeads() + "/" + h.legacySectors(),
                OFF_LEGACY_GEOMETRY, 12);
        b.field("sector size", h.sectorSize(), OFF_SECTOR_SIZE, 4);
        b.field("disk size", Long.toUnsignedString(h.diskSize()), OFF_DISK_SIZE, 8);
        b.field("block size", h.blockSize(), OFF_BLOCK_SIZE, 4);
        b.field("block extra", h.blockExtra(), OFF_BLOCK_EXTRA, 4);
        b.field("blocks", h.blocksTotal(), OFF_BLOCKS_TOTAL, 4);
        b.field("blocks allocated", h.blocksAllocated(), OFF_BLOCKS_ALLOCATED, 4);
        b.field("uuid create", h.uuidCreate(), OFF_UUID_CREATE, 16);
        b.field("uuid modify", h.uuidModify(), OFF_UUID_MODIFY, 16);
        b.field("uuid linkage (parent)", h.uuidLinkage(), OFF_UUID_LINKAGE, 16);
        b.field("uuid parent modify", h.uuidParentModify(), OFF_UUID_PARENT_MODIFY, 16);
        if (h.plus()) {
            b.field("LCHS geometry", h.lchsCylinders() + "/" + h.lchsHeads() + "/" + h.lchsSectors() + " x "
                    + h.lchsSectorSize(), OFF_LCHS_GEOMETRY, 16);
        }
        return b.build();
    }

    private static StructureNode blockMap(VdiImage img, Layout layout) throws IOException {
        BlockMapCheck.Counts c = BlockMapCheck.count(layout, img.source(), Monitor.NONE);
        return StructureNode.node("block map").value(layout.entries() + " entries")
                .range(layout.offBlocks(), 4 * layout.entries())
                .field("allocated", c.allocated(), -1, 0)
                .field("free", c.free() + (layout.diff() ? " (read from the parent)" : " (read as zeros)"), -1, 0)
                .field("zero", c.zero(), -1, 0)
                .field("data area", hex(layout.offData()) + ", " + layout.totalBlock() + " bytes per block", -1, 0)
                .build();
    }
}
