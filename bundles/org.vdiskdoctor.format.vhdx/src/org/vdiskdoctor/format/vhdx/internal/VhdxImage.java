// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.io.IOException;
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
import org.vdiskdoctor.format.vhdx.VhdxCodes;

/**
 * A VHDX image opened read-only: the {@link VhdxLayout} parsed on open, whose findings {@link #check} reports before
 * it walks the BAT and the log. When guest sectors can be mapped, {@link #open} returns the subclass
 * {@link VhdxGuestImage}; a damaged image is a plain {@code VhdxImage}, so probes that need guest data skip it.
 */
sealed class VhdxImage implements OpenedImage permits VhdxGuestImage {

    private final VhdxLayout layout;
    private final List<Finding> openFindings;

    VhdxImage(VhdxLayout layout, List<Finding> openFindings) {
        this.layout = layout;
        this.openFindings = openFindings;
    }

    static VhdxImage open(ImageSource src) throws IOException {
        Problems p = new Problems(src.path());
        VhdxLayout l = VhdxLayout.open(src, p);
        if (l.mappable()) return new VhdxGuestImage(l, p.findings());
        return new VhdxImage(l, p.findings());
    }

    VhdxLayout layout() {
        return layout;
    }

    @Override
    public String format() {
        return VhdxDriver.ID;
    }

    @Override
    public ImageSource source() {
        return layout.source();
    }

    @Override
    public long virtualSize() {
        DiskParameters d = layout.params();
        return d != null && d.usable() ? d.virtualSize() : -1;
    }

    @Override
    public void check(FindingSink sink, Monitor monitor) throws IOException {
        for (Finding f : openFindings) sink.report(f);
        Problems p = new Problems(source().path());
        namedAsBase(p);
        if (layout.bat() != null) BatCheck.run(layout, p, monitor);
        LogCheck.run(layout, p, monitor);
        for (Finding f : p.findings()) sink.report(f);
    }

    /**
     * A differencing disk named like a base disk: Hyper-V names them {@code .avhdx} (checkpoints) and people rename
     * them to attach or mount them alone, where they look corrupt (most blocks live in the parent).
     */
    private void namedAsBase(Problems p) {
        String name = String.valueOf(source().path().getFileName()).toLowerCase(java.util.Locale.ROOT);
        if (layout.params() == null || !layout.params().hasParent() || !name.endsWith(".vhdx")) return;
        p.add(VhdxCodes.DIFFERENCING_NAMED_VHDX, -1, 0, "HasParent is set: this is a differencing disk (a "
                + "checkpoint's .avhdx, renamed?) that holds only the blocks written since its parent was frozen. "
                + "Alone it reads as a mostly empty or corrupt disk; attach it with its parent chain, or merge it into "
                + "the parent first (Hyper-V Manager: Edit Disk > Merge; PowerShell: Merge-VHD)");
    }

    @Override
    public StructureNode describe() throws IOException {
        return VhdxStructure.describe(layout);
    }

    @Override
    public Optional<BackingReference> backing() {
        ParentLocator pl = layout.parent();
        if (pl == null) return Optional.empty();
        String linkage = pl.linkage();
        Map<String, String> ids = linkage == null || linkage.isBlank() ? Map.of()
                : Map.of(LINK_KEY, normalizeGuid(linkage));
        return Optional.of(new BackingReference(pl.parentName(), VhdxDriver.ID,
                Evidence.of(source().path(), pl.nameAt(), pl.nameLength()), ids, true));
    }

    /** The key of the identity a child's {@code parent_linkage} names: the parent's DataWriteGuid. */
    static final String LINK_KEY = "dataWriteGuid";

    @Override
    public Map<String, String> linkIds() {
        VhdxHeader h = layout.headers().current();
        return h == null ? Map.of() : Map.of(LINK_KEY, h.dataWriteGuid().toString());
    }

    /** {@code {GUID}} upper case when {@code s} is a GUID in any common spelling, else {@code s} trimmed. */
    static String normalizeGuid(String s) {
        String t = s.trim();
        try {
            return Guid.parse(t).toString();
        } catch (IllegalArgumentException e) {
            return t;
        }
    }
}
