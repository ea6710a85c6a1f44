// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.BackingReference;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

/**
 * A VMDK opened from a descriptor file or a sparse extent: the descriptor (null when a sparse extent has none), the
 * sparse header of the opened file (null for a text descriptor), and the extents. Everything is parsed when the image
 * is opened ({@link VmdkOpen}); {@link #check} reports that and walks every sparse extent's grain tables (inflating compressed grains only in a deep
 * check). When every
 * extent's data can be read the image is a {@link VmdkGuestImage}. Never writes.
 */
sealed class VmdkImage implements OpenedImage permits VmdkGuestImage {

    private final ImageSource source;
    private final Descriptor descriptor;
    private final SparseHeader header;
    private final List<Extent> extents;
    private final long virtualSize;
    private final List<Finding> findings;

    VmdkImage(ImageSource source, Descriptor descriptor, SparseHeader header, List<Extent> extents, long virtualSize,
            List<Finding> findings) {
        this.source = source;
        this.descriptor = descriptor;
        this.header = header;
        this.extents = List.copyOf(extents);
        this.virtualSize = virtualSize;
        this.findings = findings;
    }

    @Override
    public String format() {
        return VmdkDriver.ID;
    }

    @Override
    public ImageSource source() {
        return source;
    }

    @Override
    public long virtualSize() {
        return virtualSize;
    }

    Descriptor descriptor() {
        return descriptor;
    }

    SparseHeader header() {
        return header;
    }

    List<Extent> extents() {
        return extents;
    }

    /** The default check: compressed grains are validated by marker and zlib header, not inflated. */
    @Override
    public void check(FindingSink sink, Monitor monitor) throws IOException {
        check(sink, monitor, DeepCheck.OFF);
    }

    /** With deep checks on ({@code --deep}), every compressed grain is also inflated. */
    @Override
    public void check(FindingSink sink, Monitor monitor, DeepCheck deep) throws IOException {
        for (Finding f : findings) {
            monitor.checkpoint();
            sink.report(f);
        }
        for (Extent e : extents) {
            if (e.layout() == null) continue;
            Problems p = new Problems();
            GrainTableCheck.run(e.layout(), e.file(), p, monitor, deep.enabled());
            for (Finding f : p.findings()) sink.report(f);
        }
    }

    @Override
    public StructureNode describe() throws IOException {
        return VmdkStructure.describe(this);
    }

    @Override
    public Optional<BackingReference> backing() {
        if (descriptor == null || !descriptor.hasParent()) return Optional.empty();
        Descriptor.Entry hint = descriptor.entry("parentFileNameHint");
        if (hint == null || hint.value().isEmpty()) return Optional.empty();
        String parentCid = Descriptor.cid(descriptor.value("parentCID"));
        return Optional.of(new BackingReference(hint.value(), VmdkDriver.ID, Evidence.of(source.path(),
                hint.line().offset(), hint.line().length()), Map.of("CID", parentCid), true));
    }

    @Override
    public Map<String, String> linkIds() {
        String cid = descriptor == null ? null : Descriptor.cid(descriptor.value("CID"));
        return cid == null ? Map.of() : Map.of("CID", cid);
    }

    @Override
    public void close() throws IOException {
        for (Extent e : extents) {
            if (e.file() != null && e.file() != source) e.file().close();
        }
    }
}
