// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.BackingReference;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

/**
 * A VDI image opened read-only: the header is parsed and checked (bounds first) when the image is opened, the parent
 * of a differencing image is looked up by UUID, and {@link #check} reports that and walks the block map. When the
 * guest disk can be mapped, {@link #open} returns the subclass {@link VdiGuestImage}, a
 * {@link org.vdiskdoctor.core.spi.GuestReader}; a damaged header gives a plain {@code VdiImage}.
 */
sealed class VdiImage implements OpenedImage permits VdiGuestImage {

    private final ImageSource source;
    private final VdiHeader header;
    private final Layout layout;
    private final ParentSearch.Result parent;
    private final List<Finding> findings;

    VdiImage(ImageSource source, VdiHeader header, Layout layout, ParentSearch.Result parent,
            List<Finding> findings) {
        this.source = source;
        this.header = header;
        this.layout = layout;
        this.parent = parent;
        this.findings = findings;
    }

    static VdiImage open(ImageSource source) throws IOException {
        Problems p = new Problems(source.path());
        VdiHeader h = VdiHeader.read(source);
        Layout layout = HeaderChecks.check(h, source.size(), p);
        ParentSearch.Result parent = null;
        boolean linked = HeaderChecks.interpretable(h) && !h.uuidLinkage().isNull();
        boolean diff = h.type() == VdiHeader.TYPE_DIFF || h.type() == VdiHeader.TYPE_UNDO;
        if (linked && diff) parent = ParentSearch.find(source.path(), h.uuidLinkage(), p);
        if (layout != null) {
            String described = "with UUID " + h.uuidLinkage()
                    + (parent == null ? " (not found)" : " ('" + parent.name() + "')");
            GuestReads reads = new GuestReads(layout, source, layout.diff() ? described : null);
            return new VdiGuestImage(source, h, layout, parent, p.findings(), reads);
        }
        return new VdiImage(source, h, null, parent, p.findings());
    }

    @Override
    public String format() {
        return VdiDriver.ID;
    }

    @Override
    public ImageSource source() {
        return source;
    }

    @Override
    public long virtualSize() {
        return HeaderChecks.interpretable(header) && header.diskSize() >= 0 ? header.diskSize() : -1;
    }

    @Override
    public void check(FindingSink sink, Monitor monitor) throws IOException {
        for (Finding f : findings) {
            monitor.checkpoint();
            sink.report(f);
        }
        if (layout == null) return;
        Problems p = new Problems(source.path());
        BlockMapCheck.run(layout, source, p, monitor);
        for (Finding f : p.findings()) sink.report(f);
    }

    @Override
    public StructureNode describe() throws IOException {
        return VdiStructure.describe(this);
    }

    @Override
    public Optional<BackingReference> backing() {
        if (parent == null) return Optional.empty();
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("uuidCreate", header.uuidLinkage().toString());
        if (!header.uuidParentModify().isNull()) ids.put("uuidModify", header.uuidParentModify().toString());
        Evidence at = Evidence.of(source.path(), VdiHeader.OFF_UUID_LINKAGE, 16);
        return Optional.of(new BackingReference(parent.name(), VdiDriver.ID, at, ids, true));
    }

    @Override
    public Map<String, String> linkIds() {
        if (!HeaderChecks.interpretable(header)) return Map.of();
        return Map.of("uuidCreate", header.uuidCreate().toString(), "uuidModify", header.uuidModify().toString());
    }

    VdiHeader header() {
        return header;
    }

    /** The bounded layout, or null when the header does not allow mapping the guest disk. */
    Layout layout() {
        return layout;
    }

    ParentSearch.Result parent() {
        return parent;
    }
}
