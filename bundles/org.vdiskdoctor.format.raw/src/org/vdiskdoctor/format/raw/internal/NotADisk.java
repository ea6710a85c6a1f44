// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.raw.internal;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

/**
 * A file no format claimed whose first bytes show it is not a disk at all ({@link RawContent}): it reports what it
 * is and what to do, and offers no guest reads, so no partition or filesystem probe runs on it.
 */
final class NotADisk implements OpenedImage {

    private final ImageSource source;
    private final RawContent content;

    NotADisk(ImageSource source, RawContent content) {
        this.source = source;
        this.content = content;
    }

    @Override
    public String format() {
        return RawDriver.ID;
    }

    @Override
    public ImageSource source() {
        return source;
    }

    @Override
    public long virtualSize() {
        return source.size();
    }

    @Override
    public void check(FindingSink sink, Monitor monitor) {
        sink.report(Finding.of(content.code(), source.path() + " is not a disk image but " + content.what() + ": "
                + content.advice().replace("FILE", String.valueOf(source.path().getFileName()))).at(source.path(), 0, Math.min(source.size(), 512)).build());
    }

    @Override
    public StructureNode describe() {
        return StructureNode.node("not a disk image").value(content.what()).range(0, source.size())
                .field("size", source.size(), -1, 0).build();
    }
}
