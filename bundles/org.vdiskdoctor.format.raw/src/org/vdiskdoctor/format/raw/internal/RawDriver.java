// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.raw.internal;

import java.io.IOException;

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

    /**
     * A raw disk, or, when the first bytes show the file is plainly something else (a compressed file, an archive,
     * text), an image that only says so: no partition or filesystem probe then reads a gzip stream or a web page as a
     * guest disk.
     */
    @Override
    public OpenedImage open(ImageSource source, FindingSink sink, Monitor monitor) throws IOException {
        RawContent content = RawContent.identify(source);
        return content.disk() || content.code() == RawCodes.CONTENT_OPTICAL ? new RawImage(source, content)
                : new NotADisk(source, content);
    }
}
