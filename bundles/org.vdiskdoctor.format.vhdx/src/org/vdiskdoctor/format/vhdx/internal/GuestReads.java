// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestReader;

/**
 * Guest reads through the BAT. FULLY_PRESENT blocks come from the file; ZERO blocks read as zeros; NOT_PRESENT,
 * UNDEFINED and UNMAPPED blocks read as zeros, or from the parent in a differencing image; PARTIALLY_PRESENT blocks
 * take each logical sector from the file or the parent as the chunk's sector bitmap says (bit set = in this file).
 * Offsets from the BAT are checked against the file before they are read: a damaged entry is an
 * {@link IOException}, never a read of other bytes.
 */
final class GuestReads {

    private final ImageSource src;
    private final Bat bat;
    private final DiskParameters d;
    private GuestReader parent;
    private boolean parentAttached;

    GuestReads(ImageSource src, Bat bat, DiskParameters d) {
        this.src = src;
        this.bat = bat;
        this.d = d;
    }

    void attachParent(GuestReader p) {
        this.parent = p;
        this.parentAttached = true;
    }

    long guestSize() {
        return d.virtualSize();
    }

    void read(long pos, ByteBuffer dst) throws IOException {
        if (pos < 0 || pos > d.virtualSize() || dst.remaining() > d.virtualSize() - pos) {
            throw new IOException(src.path() + ": guest read " + pos + "+" + dst.remaining() + " outside the "
                    + d.virtualSize() + "-byte disk");
        }
        while (dst.hasRemaining()) {
            long block = pos / d.blockSize();
            long in = pos % d.blockSize();
            int n = (int) Math.min(dst.remaining(), d.blockSize() - in);
            long e = bat.entry(bat.payloadIndex(block));
            switch (Bat.state(e)) {
                case Bat.FULLY_PRESENT -> fromFile(Bat.fileOffsetOf(e) + in, dst, n, block);
                case Bat.PARTIALLY_PRESENT -> partial(e, block, pos, dst, n);
                case Bat.ZERO -> zeros(dst, n);
                default -> absent(pos, dst, n);
            }
            pos += n;
        }
    }

    private void partial(long e, long block, long pos, ByteBuffer dst, int n) throws IOException {
        if (!d.hasParent()) throw damaged(block, "is PARTIALLY_PRESENT in an image without a parent");
        long sb = bat.entry(bat.bitmapIndex(block / bat.chunkRatio()));
        if (Bat.state(sb) != Bat.SB_PRESENT) throw damaged(block, "is PARTIALLY_PRESENT but its sector bitmap is not");
        long bitmapAt = Bat.fileOffsetOf(sb);
        if (bitmapAt < Regions.MIB || !src.contains(bitmapAt, Regions.MIB)) {
            throw damaged(block, "has its sector bitmap at " + Problems.hex(bitmapAt) + ", outside the file");
        }
        long sector = d.logicalSector();
        long end = pos + n;
        long at = pos;
        while (at < end) {
            long next = Math.min(end, (at / sector + 1) * sector);
            int len = (int) (next - at);
            long sectorInChunk = (at / sector) % (1L << 23);
            int bits = src.read(bitmapAt + sectorInChunk / 8, 1).get(0);
            if ((bits >> (sectorInChunk % 8) & 1) != 0) {
                fromFile(Bat.fileOffsetOf(e) + at % d.blockSize(), dst, len, block);
            } else {
                absent(at, dst, len);
            }
            at = next;
        }
    }

    private void fromFile(long off, ByteBuffer dst, int n, long block) throws IOException {
        if (off < Regions.MIB || !src.contains(off, n)) {
            throw damaged(block, "points at " + Problems.hex(off) + "+" + n + ", outside the file");
        }
        ByteBuffer part = dst.slice(dst.position(), n);
        src.readFully(off, part);
        dst.position(dst.position() + n);
    }

    private void absent(long pos, ByteBuffer dst, int n) throws IOException {
        if (!d.hasParent()) {
            zeros(dst, n);
            return;
        }
        if (!parentAttached || parent == null) {
            throw new IOException(src.path() + ": the guest data at " + Problems.hex(pos) + " comes from the parent"
                    + " image, which " + (parentAttached ? "cannot read guest data" : "is not open"));
        }
        int fromParent = (int) Math.max(0, Math.min(n, parent.guestSize() - pos));
        if (fromParent > 0) {
            parent.readGuest(pos, dst.slice(dst.position(), fromParent));
            dst.position(dst.position() + fromParent);
        }
        zeros(dst, n - fromParent);
    }

    private IOException damaged(long block, String why) {
        return new IOException(src.path() + ": payload block " + block + " " + why);
    }

    private static void zeros(ByteBuffer dst, int n) {
        for (int i = 0; i < n; i++) dst.put((byte) 0);
    }
}
