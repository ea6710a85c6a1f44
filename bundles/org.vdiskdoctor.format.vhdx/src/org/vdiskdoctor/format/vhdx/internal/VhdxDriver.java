// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

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
 * The VHDX format driver (Hyper-V's format, MS-VHDX v1.00): fixed, dynamic and differencing ({@code .avhdx}) images.
 * Certain when the file starts with {@code vhdxfile} and is long enough for the headers and region tables; likely
 * on the identifier alone; it also claims {@code .vhdx}/{@code .avhdx} files whose identifier is damaged, with the
 * lowest score above raw, so they get a "bad signature" finding instead of being read as raw disks.
 */
@Component(service = FormatDriver.class, property = FormatDriver.FORMAT_PROPERTY + "=" + VhdxDriver.ID)
public final class VhdxDriver implements FormatDriver {

    /** The format id. */
    public static final String ID = "vhdx";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int score(ProbeHeader probe) {
        try {
            if (probe.startsWith(VhdxLayout.SIGNATURE)) {
                return probe.fileSize() >= Regions.TABLE2 + RegionTable.SIZE ? SCORE_CERTAIN : SCORE_LIKELY;
            }
            String name = probe.fileName().toLowerCase(Locale.ROOT);
            boolean named = name.endsWith(".vhdx") || name.endsWith(".avhdx");
            return named ? SCORE_NAME_ONLY : 0;
        } catch (RuntimeException e) {
            // score() must not throw; a header this driver cannot look at is not a match
            return 0;
        }
    }

    @Override
    public OpenedImage open(ImageSource source, FindingSink sink, Monitor monitor) throws IOException {
        monitor.checkpoint();
        return VhdxImage.open(source);
    }
}
