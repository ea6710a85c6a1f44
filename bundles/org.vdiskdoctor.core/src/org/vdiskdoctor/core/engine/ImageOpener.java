// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.core.spi.ProbeHeader;

/** Opens one image read-only with the driver that scores highest. */
final class ImageOpener {

    private final List<FormatDriver> drivers;

    ImageOpener(List<FormatDriver> drivers) {
        this.drivers = drivers;
    }

    /** An opened image and the source it owns; closing closes both. */
    record Opened(ImageSource source, OpenedImage image) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                image.close();
            } finally {
                source.close();
            }
        }
    }

    /**
     * Opens {@code real} (already classified as readable). Problems that stop the opening are reported to
     * {@code sink} and give {@code null}.
     */
    Opened open(Path real, FindingSink sink, Monitor monitor) throws IOException {
        ImageSource src;
        try {
            src = ImageSource.open(real);
        } catch (IOException e) {
            sink.report(FileFindings.forIo(real, e));
            return null;
        }
        boolean ok = false;
        try {
            if (src.size() == 0) {
                sink.report(Finding.of(CoreCodes.FILE_EMPTY, real + " has zero bytes").file(real).build());
                return null;
            }
            ProbeHeader head = new ProbeHeader(real, src.size(), src.readUpTo(0, ProbeHeader.LENGTH));
            FormatDriver best = best(drivers, head);
            if (best == null) {
                sink.report(Finding.of(CoreCodes.FORMAT_UNRECOGNISED, real + ": no installed format driver ("
                        + drivers.size() + " installed) recognises the first bytes").at(real, 0, 16).build());
                return null;
            }
            OpenedImage img = best.open(src, sink, monitor);
            if (img == null) return null;
            ok = true;
            return new Opened(src, img);
        } finally {
            if (!ok) src.close();
        }
    }

    static FormatDriver best(List<FormatDriver> drivers, ProbeHeader head) {
        FormatDriver best = null;
        int bestScore = 0;
        for (FormatDriver d : drivers) {
            int s = d.score(head);
            if (s > bestScore) {
                best = d;
                bestScore = s;
            }
        }
        return best;
    }

    /** The best score any driver gives {@code real}; 0 when it cannot be read. */
    static int bestScore(List<FormatDriver> drivers, Path real) {
        try (ImageSource src = ImageSource.open(real)) {
            if (src.size() == 0) return 0;
            ProbeHeader head = new ProbeHeader(real, src.size(), src.readUpTo(0, ProbeHeader.LENGTH));
            int best = 0;
            for (FormatDriver d : drivers) best = Math.max(best, d.score(head));
            return best;
        } catch (IOException e) {
            return 0;
        }
    }
}
