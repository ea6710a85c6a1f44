// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.BackingAware;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.OpenedImage;

/**
 * A VDI image whose guest disk can be read: the header was interpretable and its block map lies inside the file.
 * Images that fail this are plain {@link VdiImage}s, so probes need only check {@code image instanceof GuestReader}.
 */
final class VdiGuestImage extends VdiImage implements GuestReader, BackingAware {

    private final GuestReads reads;

    VdiGuestImage(ImageSource source, VdiHeader header, Layout layout, ParentSearch.Result parent,
            List<Finding> findings, GuestReads reads) {
        super(source, header, layout, parent, findings);
        this.reads = reads;
    }

    @Override
    public long guestSize() {
        return reads.guestSize();
    }

    /** Reads through the block map; see {@link GuestReads}. Past {@link #guestSize()} is an {@link IOException}. */
    @Override
    public synchronized void readGuest(long guestOffset, ByteBuffer dst) throws IOException {
        reads.read(guestOffset, dst);
    }

    /** A differencing image whose parent {@link ParentSearch} did not find reads unwritten blocks from nowhere. */
    @Override
    public Optional<String> missingParent() {
        if (!layout().diff() || parent() != null) return Optional.empty();
        return Optional.of("parent with UUID " + header().uuidLinkage());
    }

    @Override
    public synchronized void attachBacking(OpenedImage parent) {
        reads.attachBacking(parent instanceof GuestReader g ? g : null);
    }
}
