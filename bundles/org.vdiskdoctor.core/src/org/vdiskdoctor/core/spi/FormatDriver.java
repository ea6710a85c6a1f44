// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import java.io.IOException;

import org.vdiskdoctor.core.io.ImageSource;

/**
 * A disk image format. Contributed as a DS service with the component property {@value #FORMAT_PROPERTY} set to the
 * format id ({@code qcow2}, {@code vmdk}, …). The engine asks every driver for a {@link #score}, opens the file with
 * the highest, then calls {@link OpenedImage#check}. A driver never writes.
 */
public interface FormatDriver {

    /** The service property that names the format, so consumers can list formats without calling code. */
    String FORMAT_PROPERTY = "vdiskdoctor.format";

    /** Score of a sure match by magic and structure. */
    int SCORE_CERTAIN = 100;
    /** Score of a match by magic alone, or by a damaged but recognisable header. */
    int SCORE_LIKELY = 50;
    /** Score of a match by file name alone (e.g. a damaged header, but a {@code .qcow2} name). */
    int SCORE_NAME_ONLY = 5;
    /** The raw driver's score: it wins only when nothing else matches. */
    int SCORE_RAW = 1;

    /** The format id, e.g. {@code qcow2}. */
    String id();

    /** 0 when the header is certainly not this format; higher is a better match. Must not throw. */
    int score(ProbeHeader header);

    /**
     * Opens the image for inspection. Structural problems found while opening are reported to {@code sink}; an
     * exception is only for I/O errors. The returned image is closed by the caller; {@code source} stays owned by the
     * caller.
     */
    OpenedImage open(ImageSource source, FindingSink sink, Monitor monitor) throws IOException;
}
