// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.BackingReference;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.format.vhd.VhdCodes;

/**
 * A VHD opened read-only: footer(s), dynamic header, parent locators and block table are parsed (bounds first) when
 * the image is opened; {@link #check} reports what parsing found and walks the block table. When the guest's disk can
 * be read, {@link #open} returns the subclass {@link VhdGuestImage}, a {@link org.vdiskdoctor.core.spi.GuestReader}.
 */
sealed class VhdImage implements OpenedImage permits VhdGuestImage {

    /** What parsing found; fields are null when the file does not have them. */
    record Parsed(FooterChecks.Located footers, DynamicHeader dynamic, BlockTable table, ParentLinks.Parent parent,
            long guestSize) {
    }

    private final ImageSource source;
    private final Parsed parsed;
    private final List<Finding> findings;

    VhdImage(ImageSource source, Parsed parsed, List<Finding> findings) {
        this.source = source;
        this.parsed = parsed;
        this.findings = findings;
    }

    static VhdImage open(ImageSource src, FindingSink sink) throws IOException {
        Problems p = new Problems(src.path());
        FooterChecks.Located loc = FooterChecks.locate(src, p);
        long size = src.size();
        long dataEnd = loc.tail() != null ? loc.tail().offset() : size;
        if (dataEnd % 512 != 0) {
            p.add(VhdCodes.FILE_SIZE_UNALIGNED, dataEnd - dataEnd % 512, dataEnd % 512, "the " + dataEnd + " bytes"
                    + " before the footer are not whole 512-byte sectors: " + dataEnd % 512 + " bytes are left over"
                    + " (bytes were cut off or appended)");
        }
        Footer f = loc.chosen();
        if (f == null) return new VhdImage(src, new Parsed(loc, null, null, null, -1), p.findings());
        FooterChecks.check(f, size, p);
        if (!FooterChecks.interpretable(f, size)) return new VhdImage(src, new Parsed(loc, null, null, null, -1),
                p.findings());
        long guestSize = DiskSize.guestSectors(f) * 512;
        if (Long.compareUnsigned(guestSize / 512, DiskSize.MAX_SECTORS) > 0) guestSize = -1;
        if (f.diskType() == Footer.TYPE_FIXED) {
            Parsed parsed = new Parsed(loc, null, null, null, guestSize);
            if (guestSize < 0) return new VhdImage(src, parsed, p.findings());
            return new VhdGuestImage(src, parsed, p.findings(), new GuestReads(src, guestSize, dataEnd), sink);
        }
        DynamicHeader h = DynamicHeader.of(f.dataOffset(), src.read(f.dataOffset(), DynamicHeader.SIZE));
        boolean tableOk = DynamicHeaderChecks.check(h, guestSize, dataEnd, p);
        boolean differencing = f.diskType() == Footer.TYPE_DIFFERENCING;
        ParentLinks.Parent parent = h.cookieValid() ? ParentLinks.read(h, differencing, src, dataEnd, p) : null;
        if (!tableOk || guestSize < 0) return new VhdImage(src, new Parsed(loc, h, null, parent, guestSize),
                p.findings());
        BlockTable t = new BlockTable(src, h.tableOffset(), h.maxTableEntries(), h.blockSize(), dataEnd);
        Parsed parsed = new Parsed(loc, h, t, parent, guestSize);
        return new VhdGuestImage(src, parsed, p.findings(), new GuestReads(src, guestSize, t, differencing), sink);
    }

    @Override
    public String format() {
        return VhdDriver.ID;
    }

    @Override
    public ImageSource source() {
        return source;
    }

    @Override
    public long virtualSize() {
        return parsed.guestSize();
    }

    Parsed parsed() {
        return parsed;
    }

    /** The trusted footer, or null. */
    Footer footer() {
        return parsed.footers().chosen();
    }

    @Override
    public void check(FindingSink sink, Monitor monitor) throws IOException {
        for (Finding f : findings) {
            monitor.checkpoint();
            sink.report(f);
        }
        BlockTable t = parsed.table();
        if (t == null) return;
        Problems p = new Problems(source.path());
        BlockTableChecks.check(t, metadata(), p, monitor);
        for (Finding f : p.findings()) sink.report(f);
    }

    /** The ranges blocks must not overlap. */
    private List<BlockTableChecks.Region> metadata() {
        List<BlockTableChecks.Region> r = new ArrayList<>();
        FooterChecks.Located loc = parsed.footers();
        if (loc.head() != null) r.add(new BlockTableChecks.Region("footer copy", 0, Footer.SIZE));
        r.add(new BlockTableChecks.Region("dynamic header", parsed.dynamic().offset(), DynamicHeader.SIZE));
        BlockTable t = parsed.table();
        r.add(new BlockTableChecks.Region("block allocation table", t.offset(), t.reservedBytes()));
        if (parsed.parent() != null) {
            for (ParentLinks.Decoded d : parsed.parent().locators()) {
                if (d.path() != null) {
                    r.add(new BlockTableChecks.Region("parent locator " + d.locator().index() + " data",
                            d.locator().dataOffset(), d.locator().dataLength()));
                }
            }
        }
        return r;
    }

    @Override
    public StructureNode describe() throws IOException {
        return VhdStructure.describe(this);
    }

    @Override
    public Optional<BackingReference> backing() {
        Footer f = footer();
        ParentLinks.Parent parent = parsed.parent();
        if (f == null || f.diskType() != Footer.TYPE_DIFFERENCING || parent == null || parent.name() == null) {
            return Optional.empty();
        }
        return Optional.of(new BackingReference(parent.name(), VhdDriver.ID, parent.storedAt(),
                Map.of(LINK_ID, parsed.dynamic().parentUniqueId()), true));
    }

    /** The key both sides of a VHD chain use: the child's parent unique id against the parent's footer unique id. */
    static final String LINK_ID = "uniqueId";

    @Override
    public Map<String, String> linkIds() {
        Footer f = footer();
        return f == null ? Map.of() : Map.of(LINK_ID, f.uniqueId());
    }
}
