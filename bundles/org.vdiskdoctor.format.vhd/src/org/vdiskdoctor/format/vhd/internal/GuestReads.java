// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.io.OutOfBoundsReadException;
import org.vdiskdoctor.core.spi.GuestReader;

/**
 * Guest reads. Fixed disk: the guest's bytes are the file's bytes before the footer. Dynamic disk: the BAT gives each
 * block's bitmap sector and the data follows the bitmap; an unallocated block reads as zeros; like QEMU, the bitmap
 * of a dynamic disk is not consulted (writers zero a block when they allocate it). Differencing disk: a sector whose
 * bitmap bit is 1 is read from this file, every other sector from the parent.
 */
final class GuestReads {

    private final ImageSource source;
    private final long guestSize;
    private final long fixedDataEnd;
    private final BlockTable table;
    private final boolean differencing;
    private GuestReader parent;

    /** A fixed disk whose data ends at {@code dataEnd}. */
    GuestReads(ImageSource source, long guestSize, long dataEnd) {
        this(source, guestSize, dataEnd, null, false);
    }

    /** A dynamic or differencing disk mapped by {@code table}. */
    GuestReads(ImageSource source, long guestSize, BlockTable table, boolean differencing) {
        this(source, guestSize, -1, table, differencing);
    }

    private GuestReads(ImageSource source, long guestSize, long dataEnd, BlockTable table, boolean differencing) {
        this.source = source;
        this.guestSize = guestSize;
        this.fixedDataEnd = dataEnd;
        this.table = table;
        this.differencing = differencing;
    }

    long guestSize() {
        return guestSize;
    }

    void parent(GuestReader p) {
        this.parent = p;
    }

    void read(long guestOffset, ByteBuffer dst) throws IOException {
        int want = dst.remaining();
        if (guestOffset < 0 || guestOffset > guestSize || want > guestSize - guestOffset) {
            throw new OutOfBoundsReadException(guestOffset, want, guestSize);
        }
        if (table == null) {
            if (guestOffset + want > fixedDataEnd) {
                throw new IOException(source.path() + ": guest bytes " + guestOffset + "+" + want + " lie past the end"
                        + " of the fixed disk's data at " + fixedDataEnd + " (the file is shorter than the disk)");
            }
            source.readFully(guestOffset, dst);
            return;
        }
        long bs = table.blockSize();
        long at = guestOffset;
        while (dst.hasRemaining()) {
            long index = at / bs;
            long inBlock = at % bs;
            int n = (int) Math.min(dst.remaining(), bs - inBlock);
            ByteBuffer part = dst.slice(dst.position(), n);
            long sector = table.entry(index);
            if (sector == BlockTable.UNUSED) {
                fromParentOrZeros(at, part);
            } else if (!table.fits(sector)) {
                throw new IOException(source.path() + ": BAT entry " + index + " points to sector " + sector
                        + ", past the end of the data; guest bytes at " + at + " cannot be read");
            } else if (differencing) {
                readMixed(sector * 512, at, inBlock, part);
            } else {
                source.readFully(sector * 512 + table.bitmapBytes() + inBlock, part);
            }
            dst.position(dst.position() + n);
            at += n;
        }
    }

    /** Sector by sector runs: bitmap bit 1 → this file, 0 → the parent. */
    private void readMixed(long blockStart, long guest, long inBlock, ByteBuffer part) throws IOException {
        long firstSector = inBlock / 512;
        long lastSector = (inBlock + part.remaining() - 1) / 512;
        int firstByte = (int) (firstSector / 8);
        ByteBuffer bitmap = source.read(blockStart + firstByte, (int) (lastSector / 8 - firstByte + 1));
        long pos = inBlock;
        long end = inBlock + part.remaining();
        while (pos < end) {
            boolean mine = bit(bitmap, pos / 512 - firstByte * 8L);
            long runEnd = Math.min(end, (pos / 512 + 1) * 512);
            while (runEnd < end && bit(bitmap, runEnd / 512 - firstByte * 8L) == mine) {
                runEnd = Math.min(end, runEnd + 512);
            }
            ByteBuffer piece = part.slice((int) (pos - inBlock), (int) (runEnd - pos));
            if (mine) {
                source.readFully(blockStart + table.bitmapBytes() + pos, piece);
            } else {
                fromParentOrZeros(guest + pos - inBlock, piece);
            }
            pos = runEnd;
        }
    }

    private static boolean bit(ByteBuffer bitmap, long sectorInMap) {
        // bit 7 of byte 0 is the block's first sector (MSB first)
        return (bitmap.get((int) (sectorInMap / 8)) & (0x80 >>> (sectorInMap % 8))) != 0;
    }

    private void fromParentOrZeros(long guest, ByteBuffer piece) throws IOException {
        if (!differencing) {
            while (piece.hasRemaining()) piece.put((byte) 0);
            return;
        }
        if (parent == null) {
            throw new IOException(source.path() + ": guest bytes at " + guest + " come from the parent, which is not"
                    + " attached (missing, unreadable or not a disk the engine could open)");
        }
        long inParent = Math.max(0, Math.min(piece.remaining(), parent.guestSize() - guest));
        if (inParent > 0) parent.readGuest(guest, piece.slice(0, (int) inParent));
        // a parent smaller than the child (reported by the engine as a size mismatch) reads as zeros past its end
        for (int i = (int) inParent; i < piece.remaining(); i++) piece.put(i, (byte) 0);
    }
}
