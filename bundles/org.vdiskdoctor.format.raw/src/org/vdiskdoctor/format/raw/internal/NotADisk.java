// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.raw.internal;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * A file no format claimed whose first bytes show it is not a disk at all ({@link RawContent}): it reports what it
 * is and what to do, and offers no guest reads, so no partition or filesystem probe runs on it.
 */
final class NotADisk extends RawFile {

    NotADisk(ImageSource source, RawContent content) {
        super(source, content);
    }

    @Override
    public void check(FindingSink sink, Monitor monitor) {
        String advice = content.advice().replace("FILE", String.valueOf(source.path().getFileName()));
        sink.report(Finding.of(content.code(), source.path() + " is not a disk image but " + content.what() + ": "
                + advice).at(source.path(), 0, Math.min(source.size(), 512)).build());
    }

    @Override
    public StructureNode describe() {
        return StructureNode.node("not a disk image").value(content.what()).range(0, source.size())
                .field("size", source.size(), -1, 0).build();
    }
}
