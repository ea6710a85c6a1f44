// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import static org.vdiskdoctor.format.vdi.internal.Problems.hex;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestReader;

/**
 * Guest reads through the block map: an allocated block from its data block, a zero block as zeros, a free block as
 * zeros or, in a differencing image, from the parent (zeros past the parent's end). Map entries are read from the
 * file when needed (one 4-byte read per block touched), so nothing is allocated from the header's counts. A damaged
 * entry makes the read fail with an {@link IOException} that names it.
 */
final class GuestReads {

    private static final byte[] ZEROS = new byte[64 * 1024];

    private final Layout layout;
    private final ImageSource src;
    /** Describes the parent for messages when the image is differencing; null otherwise. */
    private final String parentDescription;
    private GuestReader parent;
    private boolean parentAttached;
    private long memoBlock = -1;
    private int memoEntry;

    GuestReads(Layout layout, ImageSource src, String parentDescription) {
        this.layout = layout;
        this.src = src;
        this.parentDescription = parentDescription;
    }

    long guestSize() {
        return layout.guestSize();
    }

    void attachBacking(GuestReader p) {
        this.parent = p;
        this.parentAttached = true;
    }

    void read(long guestOffset, ByteBuffer dst) throws IOException {
        int want = dst.remaining();
        if (guestOffset < 0 || guestOffset > layout.guestSize() || want > layout.guestSize() - guestOffset) {
            throw new IOException(src.path() + ": guest read of " + want + " bytes at " + guestOffset
                    + " is outside the guest disk of " + layout.guestSize() + " bytes");
        }
        long pos = guestOffset;
        while (dst.hasRemaining()) {
            long block = pos / layout.blockSize();
            long inBlock = pos % layout.blockSize();
            int n = (int) Math.min(dst.remaining(), layout.blockSize() - inBlock);
            int e = entry(block);
            if (e == Layout.ZERO || (e == Layout.FREE && !layout.diff())) {
                zeros(dst, n);
            } else if (e == Layout.FREE) {
                fromParent(pos, dst, n);
            } else {
                long index = Integer.toUnsignedLong(e);
                if (index >= layout.allocated()) {
                    throw new IOException(src.path() + ": guest offset " + pos + " lies in block " + block
                            + ", whose map entry points at data block " + index + ", but only " + layout.allocated()
                            + " are allocated");
                }
                long host = layout.dataOffset(index) + inBlock;
                if (!src.contains(host, n)) {
                    throw new IOException(src.path() + ": guest offset " + pos + " lies in block " + block
                            + ", whose data (data block " + index + " at " + hex(layout.dataOffset(index))
                            + ") is past the end of the file of " + src.size() + " bytes: the file was cut short");
                }
                src.readFully(host, dst.slice(dst.position(), n));
                dst.position(dst.position() + n);
            }
            pos += n;
        }
    }

    private int entry(long block) throws IOException {
        if (block != memoBlock) {
            memoEntry = src.read(layout.entryOffset(block), 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            memoBlock = block;
        }
        return memoEntry;
    }

    private void fromParent(long pos, ByteBuffer dst, int n) throws IOException {
        if (!parentAttached || parent == null) {
            throw new IOException(src.path() + ": the guest data at " + pos + " comes from the parent image "
                    + parentDescription + ", which " + (parentAttached ? "cannot read guest data" : "is not open"));
        }
        int fromParent = (int) Math.max(0, Math.min(n, parent.guestSize() - pos));
        if (fromParent > 0) {
            ByteBuffer part = dst.slice(dst.position(), fromParent);
            parent.readGuest(pos, part);
            dst.position(dst.position() + fromParent);
        }
        zeros(dst, n - fromParent);
    }

    private static void zeros(ByteBuffer dst, int n) {
        while (n > 0) {
            int k = Math.min(n, ZEROS.length);
            dst.put(ZEROS, 0, k);
            n -= k;
        }
    }
}
