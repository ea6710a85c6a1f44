// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import java.io.IOException;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.core.spi.ProbeHeader;

/**
 * The VirtualBox VDI format driver (header version 1.1, normal, fixed, undo and differencing images). It also claims
 * files whose pre-header text names a VirtualBox disk image, or that are named {@code .vdi}, when the signature is
 * damaged, so that such a file gets a "bad signature" finding instead of being read as a raw disk.
 */
@Component(service = FormatDriver.class, property = FormatDriver.FORMAT_PROPERTY + "=" + VdiDriver.ID)
public final class VdiDriver implements FormatDriver {

    /** The format id. */
    public static final String ID = "vdi";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int score(ProbeHeader probe) {
        try {
            VdiHeader h = VdiHeader.of(probe.bytes());
            if (h.signatureValid()) {
                boolean sane = h.versionMajor() == 1 && h.complete()
                        && h.headerSize() >= VdiHeader.HEADER1_SIZE && HeaderChecks.knownType(h.type());
                return sane ? SCORE_CERTAIN : SCORE_LIKELY;
            }
            if (h.text().startsWith("<<< ") && h.text().contains("Disk Image >>>")) return SCORE_LIKELY;
            return probe.fileName().toLowerCase(Locale.ROOT).endsWith(".vdi") ? SCORE_NAME_ONLY : 0;
        } catch (RuntimeException e) {
            // score() must not throw; a header this driver cannot even look at is not a match
            return 0;
        }
    }

    @Override
    public OpenedImage open(ImageSource source, FindingSink sink, Monitor monitor) throws IOException {
        monitor.checkpoint();
        return VdiImage.open(source);
    }
}
