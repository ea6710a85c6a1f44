// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.example.blankdisk;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.osgi.service.component.annotations.Component;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.spi.DiskProbe;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

/**
 * The example contribution of docs/extending.md: a probe that reads the first MiB of the guest disk through the
 * format driver and says when it is all zeros. Works on every format whose driver can read guest sectors.
 */
@Component(service = DiskProbe.class, property = DiskProbe.ID_PROPERTY + "=example.blankdisk")
public final class BlankDiskProbe implements DiskProbe {

    public static final FindingCode BLANK = FindingCode.of("example.guest.blank");

    static final int WINDOW = 1 << 20;

    @Override
    public String id() {
        return "example.blankdisk";
    }

    @Override
    public boolean appliesTo(OpenedImage image) {
        return image instanceof GuestReader g && g.guestSize() > 0;
    }

    @Override
    public void run(OpenedImage image, FindingSink sink, Monitor monitor) throws IOException {
        GuestReader guest = (GuestReader) image;
        int length = (int) Math.min(WINDOW, guest.guestSize());
        ByteBuffer buf = ByteBuffer.allocate(length);
        guest.readGuest(0, buf);
        buf.flip();
        while (buf.hasRemaining()) {
            if (buf.get() != 0) return;
        }
        sink.report(Finding.of(BLANK, image.source().path() + ": the first " + length
                + " bytes of the guest disk are zeros (no partition table, no boot sector)").build());
    }
}
