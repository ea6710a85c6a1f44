// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.raw.internal;

import org.osgi.service.component.annotations.Component;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.core.spi.ProbeHeader;

/**
 * Raw images: the guest's disk byte for byte, with no header. Any non-empty file matches with the lowest score
 * ({@link FormatDriver#SCORE_RAW}), so raw wins only when no other driver recognises the file.
 */
@Component(service = FormatDriver.class, property = FormatDriver.FORMAT_PROPERTY + "=" + RawDriver.ID)
public final class RawDriver implements FormatDriver {

    /** The format id. */
    public static final String ID = "raw";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int score(ProbeHeader header) {
        return header.fileSize() > 0 ? SCORE_RAW : 0;
    }

    @Override
    public OpenedImage open(ImageSource source, FindingSink sink, Monitor monitor) {
        return new RawImage(source);
    }
}
