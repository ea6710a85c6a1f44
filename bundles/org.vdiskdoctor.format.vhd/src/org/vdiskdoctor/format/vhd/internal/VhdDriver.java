// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.core.spi.ProbeHeader;

/**
 * The VHD driver (Microsoft Virtual PC / Hyper-V "Virtual Hard Disk", QEMU's {@code vpc}). Dynamic and
 * differencing disks start with a copy of the footer ("conectix"): a sure match. A fixed disk has its footer only at
 * the end, which the probe header does not hold for files over 64 KiB; like QEMU, which cannot probe fixed VHDs
 * either, such a file is claimed by its {@code .vhd} name alone, with the lowest score above raw, so that a missing
 * or damaged footer becomes a finding instead of a raw disk.
 */
@Component(service = FormatDriver.class, property = FormatDriver.FORMAT_PROPERTY + "=" + VhdDriver.ID)
public final class VhdDriver implements FormatDriver {

    /** The format id. */
    public static final String ID = "vhd";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int score(ProbeHeader probe) {
        try {
            ByteBuffer b = probe.bytes();
            if (Footer.hasCookie(b)) return sure(b, 0) ? SCORE_CERTAIN : SCORE_LIKELY;
            long size = probe.fileSize();
            if (size == b.remaining() && size >= Footer.SIZE && Footer.hasCookie(b.position((int) size
                    - Footer.SIZE))) {
                return sure(b.rewind(), (int) size - Footer.SIZE) ? SCORE_CERTAIN : SCORE_LIKELY;
            }
            return probe.fileName().toLowerCase(Locale.ROOT).endsWith(".vhd") ? SCORE_NAME_ONLY : 0;
        } catch (RuntimeException e) {
            // score() must not throw; a header this driver cannot even look at is not a match
            return 0;
        }
    }

    /** A footer at {@code at} with a valid checksum and a known disk type. */
    private static boolean sure(ByteBuffer b, int at) {
        if (b.limit() - at < Footer.SIZE) return false;
        Footer f = Footer.of(at, b.duplicate().position(at).limit(at + Footer.SIZE));
        int t = f.diskType();
        return f.checksumValid() && t >= Footer.TYPE_FIXED && t <= Footer.TYPE_DIFFERENCING;
    }

    @Override
    public OpenedImage open(ImageSource source, FindingSink sink, Monitor monitor) throws IOException {
        monitor.checkpoint();
        return VhdImage.open(source, sink);
    }
}
