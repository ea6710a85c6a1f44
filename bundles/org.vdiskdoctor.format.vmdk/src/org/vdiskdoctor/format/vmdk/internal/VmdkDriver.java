// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.core.spi.ProbeHeader;

/**
 * The VMDK format driver: hosted sparse extents (KDMV, monolithicSparse, streamOptimized, the extents of
 * twoGbMaxExtentSparse), descriptor text files (every createType; their extents are opened beside them) and, with
 * the lowest score above raw, any other file named {@code .vmdk}, so that a damaged header or a flat extent opened
 * without its descriptor ({@code -flat.vmdk}) gets a finding instead of being read as a raw disk.
 */
@Component(service = FormatDriver.class, property = FormatDriver.FORMAT_PROPERTY + "=" + VmdkDriver.ID)
public final class VmdkDriver implements FormatDriver {

    /** The format id. */
    public static final String ID = "vmdk";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int score(ProbeHeader probe) {
        try {
            ByteBuffer b = probe.bytes().order(ByteOrder.LITTLE_ENDIAN);
            if (SparseHeader.hasMagic(b)) {
                if (b.remaining() < SparseHeader.SIZE) return SCORE_LIKELY;
                long version = Integer.toUnsignedLong(b.getInt(SparseHeader.OFF_VERSION));
                return version >= 1 && version <= 3 ? SCORE_CERTAIN : SCORE_LIKELY;
            }
            if (probe.startsWith(Descriptor.SIGNATURE.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                return SCORE_CERTAIN;
            }
            String name = probe.fileName().toLowerCase(Locale.ROOT);
            if (!name.endsWith(".vmdk")) return 0;
            return VmdkOpen.descriptorText(probe.bytes()) ? SCORE_LIKELY : SCORE_NAME_ONLY;
        } catch (RuntimeException e) {
            // score() must not throw; a header this driver cannot even look at is not a match
            return 0;
        }
    }

    @Override
    public OpenedImage open(ImageSource source, FindingSink sink, Monitor monitor) throws IOException {
        monitor.checkpoint();
        return VmdkOpen.open(source);
    }
}
