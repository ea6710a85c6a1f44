// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.raw.internal;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.OpenedImage;

/** A file the raw driver opened: a raw disk ({@link RawImage}) or a file that is plainly none ({@link NotADisk}). */
abstract class RawFile implements OpenedImage {

    final ImageSource source;
    final RawContent content;

    RawFile(ImageSource source, RawContent content) {
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
}
