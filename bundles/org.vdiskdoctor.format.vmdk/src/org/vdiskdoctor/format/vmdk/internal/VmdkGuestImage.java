// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.BackingAware;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.OpenedImage;

/**
 * A VMDK whose every extent can be read: guest bytes come from the extent that holds them (flat file, zeros, or a
 * sparse extent's grains); bytes a delta disk has not allocated come from the parent the engine attached, and are
 * zeros when the disk has no parent.
 */
final class VmdkGuestImage extends VmdkImage implements GuestReader, BackingAware {

    private final boolean delta;
    private GuestReader parent;
    private boolean attached;

    VmdkGuestImage(ImageSource source, Descriptor descriptor, SparseHeader header, List<Extent> extents,
            long virtualSize, List<Finding> findings) {
        super(source, descriptor, header, extents, virtualSize, findings);
        this.delta = descriptor != null && descriptor.hasParent();
    }

    @Override
    public long guestSize() {
        return virtualSize();
    }

    @Override
    public synchronized void readGuest(long guestOffset, ByteBuffer dst) throws IOException {
        long size = virtualSize();
        long want = dst.remaining();
        if (guestOffset < 0 || guestOffset > size || want > size - guestOffset) {
            throw new IOException(source().path() + ": guest read of " + want + " bytes at " + guestOffset
                    + " reaches past the guest size of " + size + " bytes");
        }
        long pos = guestOffset;
        for (Extent e : extents()) {
            long s = e.start() * 512;
            long end = s + e.sectors() * 512;
            if (!dst.hasRemaining()) break;
            if (pos >= end) continue;
            int n = (int) Math.min(dst.remaining(), end - pos);
            e.data().read(pos - s, pos, dst, n, this::fromParent);
            pos += n;
        }
        if (dst.hasRemaining()) ExtentData.zeros(dst, dst.remaining());
    }

    private void fromParent(long guestOffset, ByteBuffer dst, int n) throws IOException {
        if (!delta) {
            ExtentData.zeros(dst, n);
            return;
        }
        if (!attached || parent == null) {
            throw new IOException(source().path() + ": the guest data at " + guestOffset + " comes from the parent"
                    + " disk, which " + (attached ? "cannot read guest data" : "is not open"));
        }
        int have = (int) Math.max(0, Math.min(n, parent.guestSize() - guestOffset));
        if (have > 0) {
            ByteBuffer part = dst.slice(dst.position(), have);
            parent.readGuest(guestOffset, part);
            dst.position(dst.position() + have);
        }
        ExtentData.zeros(dst, n - have);
    }

    @Override
    public synchronized void attachBacking(OpenedImage p) {
        this.parent = p instanceof GuestReader g ? g : null;
        this.attached = true;
    }
}
