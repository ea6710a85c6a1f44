// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.spi.BackingAware;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.OpenedImage;

/** A VHDX image whose guest sectors can be mapped through its BAT (and its parent, for a differencing image). */
final class VhdxGuestImage extends VhdxImage implements GuestReader, BackingAware {

    private final GuestReads reads;
    private final long logicalSector;

    VhdxGuestImage(VhdxLayout layout, List<Finding> findings) {
        super(layout, findings);
        this.reads = new GuestReads(layout.source(), layout.bat(), layout.params());
        this.logicalSector = layout.params().logicalSector();
    }

    /** The Logical Sector Size metadata item (512 or 4096): Hyper-V presents the disk to the guest with it. */
    @Override
    public int logicalSectorSize() {
        return logicalSector == 4096 ? 4096 : 512;
    }

    @Override
    public long guestSize() {
        return reads.guestSize();
    }

    /** Reads through the BAT; see {@link GuestReads}. Past {@link #guestSize()} is an {@link IOException}. */
    @Override
    public synchronized void readGuest(long guestOffset, ByteBuffer dst) throws IOException {
        reads.read(guestOffset, dst);
    }

    @Override
    public synchronized void attachBacking(OpenedImage parent) {
        reads.attachParent(parent instanceof GuestReader g ? g : null);
    }
}
