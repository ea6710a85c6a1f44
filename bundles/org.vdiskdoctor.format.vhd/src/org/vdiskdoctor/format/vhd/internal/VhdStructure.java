// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.vdiskdoctor.core.ByteSize;
import org.vdiskdoctor.core.StructureNode;

/** The structure view: footer(s), dynamic header, parent locators and a summary of the block allocation table. */
final class VhdStructure {

    private VhdStructure() {
    }

    static StructureNode describe(VhdImage img) throws IOException {
        VhdImage.Parsed parsed = img.parsed();
        long size = img.source().size();
        Footer f = img.footer();
        StructureNode.Builder root = StructureNode.node("vhd image").range(0, size).value(f == null ? "no footer"
                : Footer.typeName(f.diskType()) + ", " + (parsed.guestSize() < 0 ? "size unknown"
                        : ByteSize.format(parsed.guestSize())));
        FooterChecks.Located loc = parsed.footers();
        if (loc.tail() != null) root.child(footer("footer", loc.tail()));
        if (loc.head() != null) root.child(footer("footer copy", loc.head()));
        DynamicHeader h = parsed.dynamic();
        if (h != null) root.child(dynamic(h));
        if (parsed.parent() != null && !parsed.parent().locators().isEmpty()) {
            StructureNode.Builder ls = StructureNode.node("parent locators").value(parsed.parent().locators().size()
                    + " used");
            for (ParentLinks.Decoded d : parsed.parent().locators()) {
                ParentLocator l = d.locator();
                ls.child(StructureNode.node("locator " + l.index()).value(l.codeName()).range(l.entryOffset(),
                        DynamicHeader.LOCATOR_SIZE)
                        .field("platform code", l.codeName(), l.entryOffset(), 4)
                        .field("data space", l.dataSpace(), l.entryOffset() + 4, 4)
                        .field("data length", l.dataLength(), l.entryOffset() + 8, 4)
                        .field("data offset", Problems.hex(l.dataOffset()), l.entryOffset() + 16, 8)
                        .field("path", d.path() == null ? "(unreadable)" : d.path(), d.path() == null ? -1
                                : l.dataOffset(), d.path() == null ? 0 : l.dataLength()).build());
            }
            root.child(ls.build());
        }
        if (parsed.table() != null) root.child(table(parsed.table()));
        return root.build();
    }

    private static StructureNode footer(String name, Footer f) {
        long o = f.offset();
        return StructureNode.node(name).value(f.checksumValid() ? "checksum ok" : "checksum BAD").range(o, f.length())
                .field("cookie", "conectix", o, 8)
                .field("features", Problems.hex(Integer.toUnsignedLong(f.features())), o + Footer.OFF_FEATURES, 4)
                .field("version", Problems.hex(Integer.toUnsignedLong(f.version())), o + Footer.OFF_VERSION, 4)
                .field("data offset", Problems.hex(f.dataOffset()), o + Footer.OFF_DATA_OFFSET, 8)
                .field("timestamp", Footer.time(f.timestamp()), o + Footer.OFF_TIMESTAMP, 4)
                .field("creator app", f.creatorApp(), o + Footer.OFF_CREATOR_APP, 4)
                .field("creator version", Problems.hex(Integer.toUnsignedLong(f.creatorVersion())),
                        o + Footer.OFF_CREATOR_VERSION, 4)
                .field("creator os", Problems.hex(Integer.toUnsignedLong(f.creatorOs())), o + Footer.OFF_CREATOR_OS, 4)
                .field("original size", Problems.dec(f.originalSize()), o + Footer.OFF_ORIGINAL_SIZE, 8)
                .field("current size", Problems.dec(f.currentSize()), o + Footer.OFF_CURRENT_SIZE, 8)
                .field("geometry", f.cylinders() + "/" + f.heads() + "/" + f.sectorsPerTrack() + " ("
                        + f.chsSectors() * 512 + " bytes, size taken from "
                        + (DiskSize.usesGeometry(f) ? "geometry" : "current size") + ")", o + Footer.OFF_GEOMETRY, 4)
                .field("disk type", f.diskType() + " (" + Footer.typeName(f.diskType()) + ")", o + Footer.OFF_DISK_TYPE, 4)
                .field("checksum", Problems.hex(f.storedChecksum()) + (f.checksumValid() ? "" : " (computed "
                        + Problems.hex(f.computedChecksum()) + ")"), o + Footer.OFF_CHECKSUM, 4)
                .field("unique id", f.uniqueId(), o + Footer.OFF_UNIQUE_ID, 16)
                .field("saved state", f.savedState(), o + Footer.OFF_SAVED_STATE, 1).build();
    }

    private static StructureNode dynamic(DynamicHeader h) {
        long o = h.offset();
        return StructureNode.node("dynamic header").value(h.cookieValid() ? (h.checksumValid() ? "checksum ok"
                : "checksum BAD") : "no cxsparse cookie").range(o, DynamicHeader.SIZE)
                .field("cookie", h.cookieValid() ? "cxsparse" : "(damaged)", o, 8)
                .field("data offset", Problems.hex(h.dataOffset()), o + DynamicHeader.OFF_DATA_OFFSET, 8)
                .field("table offset", Problems.hex(h.tableOffset()), o + DynamicHeader.OFF_TABLE_OFFSET, 8)
                .field("version", Problems.hex(Integer.toUnsignedLong(h.version())), o + DynamicHeader.OFF_VERSION, 4)
                .field("max table entries", h.maxTableEntries(), o + DynamicHeader.OFF_MAX_ENTRIES, 4)
                .field("block size", h.blockSize(), o + DynamicHeader.OFF_BLOCK_SIZE, 4)
                .field("checksum", Problems.hex(h.storedChecksum()), o + DynamicHeader.OFF_CHECKSUM, 4)
                .field("parent unique id", h.parentUniqueId(), o + DynamicHeader.OFF_PARENT_ID, 16)
                .field("parent timestamp", h.parentTimestamp() == 0 ? "0" : Footer.time(h.parentTimestamp()),
                        o + DynamicHeader.OFF_PARENT_TIME, 4)
                .field("parent unicode name", h.parentName(), o + DynamicHeader.OFF_PARENT_NAME,
                        DynamicHeader.PARENT_NAME_LENGTH).build();
    }

    private static StructureNode table(BlockTable t) throws IOException {
        long allocated = 0;
        for (long first = 0; first < t.entries(); first += BlockTable.CHUNK) {
            int n = (int) Math.min(BlockTable.CHUNK, t.entries() - first);
            ByteBuffer c = t.chunk(first, n);
            for (int k = 0; k < n; k++) {
                if (Integer.toUnsignedLong(c.getInt()) != BlockTable.UNUSED) allocated++;
            }
        }
        return StructureNode.node("block allocation table").value(allocated + " of " + t.entries()
                + " blocks allocated").range(t.offset(), t.entries() * 4)
                .field("entries", t.entries(), t.offset(), t.entries() * 4)
                .field("allocated", allocated, -1, 0)
                .field("block size", t.blockSize(), -1, 0)
                .field("bitmap bytes per block", t.bitmapBytes(), -1, 0).build();
    }
}
