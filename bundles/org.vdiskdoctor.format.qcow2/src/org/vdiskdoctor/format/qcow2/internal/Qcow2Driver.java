// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

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
 * The QCOW2 format driver (QEMU's native format, versions 2 and 3), at header level. It also claims files named
 * {@code .qcow2}/{@code .qcow} whose magic is damaged, with the lowest score above raw, so that such a file gets a
 * "bad magic" finding instead of being read as a raw disk.
 */
@Component(service = FormatDriver.class, property = FormatDriver.FORMAT_PROPERTY + "=" + Qcow2Driver.ID)
public final class Qcow2Driver implements FormatDriver {

    /** The format id. */
    public static final String ID = "qcow2";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int score(ProbeHeader probe) {
        try {
            Qcow2Header h = Qcow2Header.of(probe.bytes(), probe.fileSize());
            if (h.magicValid()) {
                boolean sane = h.complete() && h.clusterBitsValid() && h.headerLengthValid();
                return sane ? SCORE_CERTAIN : SCORE_LIKELY;
            }
            String name = probe.fileName().toLowerCase(Locale.ROOT);
            return name.endsWith(".qcow2") || name.endsWith(".qcow") ? SCORE_NAME_ONLY : 0;
        } catch (RuntimeException e) {
            // score() must not throw; a header this driver cannot even look at is not a match
            return 0;
        }
    }

    @Override
    public OpenedImage open(ImageSource source, FindingSink sink, Monitor monitor) throws IOException {
        monitor.checkpoint();
        return Qcow2Image.open(source);
    }
}
