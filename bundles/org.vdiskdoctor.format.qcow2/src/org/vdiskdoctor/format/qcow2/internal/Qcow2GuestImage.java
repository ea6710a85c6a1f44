// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.BackingAware;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.OpenedImage;

/**
 * A QCOW2 image whose guest content can be read: the header is interpretable, the image is not encrypted, the L1
 * table lies in the file and the external data file (if any) could be opened. Images that fail any of these are
 * plain {@link Qcow2Image}s, so probes need only check {@code image instanceof GuestReader}.
 */
final class Qcow2GuestImage extends Qcow2Image implements GuestReader, BackingAware {

    private final GuestReads reads;

    Qcow2GuestImage(ImageSource source, Qcow2Header header, HeaderExtensions extensions, BackingFile.Parsed backing,
            List<Finding> findings, GuestReads reads) {
        super(source, header, true, extensions, backing, findings);
        this.reads = reads;
    }

    GuestReads reads() {
        return reads;
    }

    @Override
    public long guestSize() {
        return reads.guestSize();
    }

    /** Reads through L1/L2; see {@link GuestReads}. Past {@link #guestSize()} is an {@link IOException}. */
    @Override
    public synchronized void readGuest(long guestOffset, ByteBuffer dst) throws IOException {
        reads.read(guestOffset, dst);
    }

    @Override
    public synchronized void attachBacking(OpenedImage parent) {
        reads.attachBacking(parent instanceof GuestReader g ? g : null);
    }

    @Override
    public void close() throws IOException {
        reads.close();
    }
}
