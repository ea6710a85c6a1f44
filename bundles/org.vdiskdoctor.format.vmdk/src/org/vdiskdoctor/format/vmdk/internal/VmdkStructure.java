// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import static org.vdiskdoctor.format.vmdk.internal.Problems.dec;
import static org.vdiskdoctor.format.vmdk.internal.Problems.hex;

import java.io.IOException;
import java.nio.ByteOrder;

import org.vdiskdoctor.core.StructureNode;

/**
 * The structure description of a VMDK for {@code inspect} and the Disk Inspector: the sparse header's fields, the
 * descriptor's lines with their offsets, the extents, and per sparse extent a summary of its grain directory.
 */
final class VmdkStructure {

    private VmdkStructure() {
    }

    static StructureNode describe(VmdkImage img) throws IOException {
        StructureNode.Builder root = StructureNode.node("vmdk").value(img.source().path());
        if (img.header() != null) root.child(header("sparse header", img.header(), 0));
        Descriptor d = img.descriptor();
        if (d != null) {
            StructureNode.Builder n = StructureNode.node("descriptor").value(d.createType() == null ? "?"
                    : d.createType()).range(d.base(), d.size());
            for (Descriptor.Line l : d.lines()) {
                n.field("line " + l.number(), DescriptorChecks.printable(l.text()), l.offset(), l.length());
            }
            root.child(n.build());
        }
        StructureNode.Builder ex = StructureNode.node("extents").value(img.extents().size());
        for (Extent e : img.extents()) ex.child(extent(e, e.file() != img.source()));
        root.child(ex.build());
        return root.build();
    }

    private static StructureNode extent(Extent e, boolean ownFile) throws IOException {
        Descriptor.Extent l = e.line();
        StructureNode.Builder n = StructureNode.node("extent").value(l == null ? "SPARSE (no descriptor)"
                : l.access() + " " + l.sectors() + " " + l.type() + (l.file() == null ? "" : " \"" + l.file() + "\""));
        if (l != null) n.range(l.line().offset(), l.line().length());
        n.field("first guest sector", e.start(), -1, 0);
        n.field("sectors", e.sectors(), -1, 0);
        if (e.file() != null) n.field("file", e.file().path(), -1, 0);
        if (l != null && l.fileOffset() != 0) n.field("offset in file (sectors)", l.fileOffset(), -1, 0);
        n.field("readable", e.data() != null, -1, 0);
        SparseLayout s = e.layout();
        if (s != null) {
            if (ownFile) {
                n.child(header("sparse header", s.header(), 0));
            }
            if (s.footer() != null) n.child(header("footer", s.footer(), e.file().size() - 1024));
            n.child(directory("grain directory", s.gdOffset(), s, e));
            if (s.rgdOffset() != 0) n.child(directory("redundant grain directory", s.rgdOffset(), s, e));
        }
        return n.build();
    }

    private static StructureNode directory(String name, long sector, SparseLayout s, Extent e) throws IOException {
        long allocated = 0;
        long bytes = s.gdEntries() * 4;
        for (long i = 0; i < s.gdEntries(); i += 16384) {
            int k = (int) Math.min(16384, s.gdEntries() - i);
            var b = e.file().read(sector * 512 + i * 4, k * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int j = 0; j < k; j++) if (b.getInt(j * 4) != 0) allocated++;
        }
        return StructureNode.node(name).value(s.gdEntries() + " entries, " + allocated + " grain tables")
                .range(sector * 512, bytes).field("entries", s.gdEntries(), -1, 0)
                .field("grain tables allocated", allocated, -1, 0)
                .field("entries per grain table", s.gtEntries(), -1, 0)
                .field("grain bytes", s.grainBytes(), -1, 0).build();
    }

    private static StructureNode header(String name, SparseHeader h, long at) {
        return StructureNode.node(name).value("KDMV version " + h.version()).range(at, SparseHeader.SIZE)
                .field("magic", hex(h.magic()), at, 4)
                .field("version", h.version(), at + SparseHeader.OFF_VERSION, 4)
                .field("flags", hex(h.flags()), at + SparseHeader.OFF_FLAGS, 4)
                .field("capacity (sectors)", dec(h.capacity()), at + SparseHeader.OFF_CAPACITY, 8)
                .field("grainSize (sectors)", dec(h.grainSize()), at + SparseHeader.OFF_GRAIN_SIZE, 8)
                .field("descriptorOffset", dec(h.descriptorOffset()), at + SparseHeader.OFF_DESCRIPTOR_OFFSET, 8)
                .field("descriptorSize", dec(h.descriptorSize()), at + SparseHeader.OFF_DESCRIPTOR_SIZE, 8)
                .field("numGTEsPerGT", h.numGTEsPerGT(), at + SparseHeader.OFF_GTES_PER_GT, 4)
                .field("rgdOffset", dec(h.rgdOffset()), at + SparseHeader.OFF_RGD, 8)
                .field("gdOffset", h.gdOffset() == SparseHeader.GD_AT_END ? "at end (footer)" : dec(h.gdOffset()),
                        at + SparseHeader.OFF_GD, 8)
                .field("overHead", dec(h.overhead()), at + SparseHeader.OFF_OVERHEAD, 8)
                .field("uncleanShutdown", h.uncleanShutdown(), at + SparseHeader.OFF_UNCLEAN, 1)
                .field("newline test", h.newlineIntact() ? "intact" : "damaged", at + SparseHeader.OFF_NEWLINE, 4)
                .field("compressAlgorithm", h.compressAlgorithm(), at + SparseHeader.OFF_COMPRESS, 2).build();
    }
}
