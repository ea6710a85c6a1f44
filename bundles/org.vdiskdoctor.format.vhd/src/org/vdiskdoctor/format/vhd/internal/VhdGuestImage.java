// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.BackingAware;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.format.vhd.VhdCodes;

/**
 * A VHD whose guest disk can be read. For a differencing disk the engine attaches the parent; that is also when the
 * parent's footer time stamp can be compared with the one the child recorded, so that finding goes to the sink the
 * engine gave {@link VhdDriver#open} (the engine's sink for this run, which outlives the open call).
 */
final class VhdGuestImage extends VhdImage implements GuestReader, BackingAware {

    private final GuestReads reads;
    private final FindingSink sink;

    VhdGuestImage(ImageSource source, Parsed parsed, List<Finding> findings, GuestReads reads, FindingSink sink) {
        super(source, parsed, findings);
        this.reads = reads;
        this.sink = sink;
    }

    @Override
    public long guestSize() {
        return reads.guestSize();
    }

    @Override
    public void readGuest(long guestOffset, ByteBuffer dst) throws IOException {
        reads.read(guestOffset, dst);
    }

    @Override
    public void attachBacking(OpenedImage parent) {
        if (parent instanceof GuestReader g) reads.parent(g);
        DynamicHeader h = parsed().dynamic();
        if (h == null || !(parent instanceof VhdImage v) || v.footer() == null) return;
        long recorded = h.parentTimestamp();
        long actual = v.footer().timestamp();
        if (actual > recorded) {
            Footer pf = v.footer();
            sink.report(Finding.of(VhdCodes.PARENT_MODIFIED_AFTER_CHILD, source().path() + ": the child recorded its"
                    + " parent's time stamp as " + Footer.time(recorded) + " but the parent " + v.source().path()
                    + " has footer time stamp " + Footer.time(actual) + ": the parent was rewritten after this"
                    + " differencing disk was made, so the sectors the child does not hold may no longer be the ones"
                    + " it was made on").at(source().path(), h.offset() + DynamicHeader.OFF_PARENT_TIME, 4)
                    .at(v.source().path(), pf.offset() + Footer.OFF_TIMESTAMP, 4).build());
        }
    }
}
