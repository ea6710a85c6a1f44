// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestReader;

/**
 * Guest reads through the active L1 and the L2 tables (QEMU {@code qcow2_get_host_offset}): standard clusters from
 * the image (or the external data file), zero clusters and zero subclusters as zeros, compressed clusters
 * decompressed, unallocated clusters and subclusters from the backing image (zeros without one, and zeros past the
 * backing image's end). Every offset taken from a table is checked against the file before it is read; a damaged
 * one is an {@link IOException} naming the entry. Not thread-safe: the owner serialises calls.
 */
final class GuestReads implements AutoCloseable {

    private static final byte[] ZEROS = new byte[64 * 1024];

    private final ImageSource src;
    private final ImageSource data;
    private final boolean external;
    private final long guestSize;
    private final int clusterBits;
    private final long clusterSize;
    private final boolean extended;
    private final int l2Bits;
    private final long l1Offset;
    private final long l1Size;
    private final L2Cache l2;
    private final CompressedCluster compressed;
    private final String backingName;
    private GuestReader backing;
    private boolean backingAttached;
    private long memoL1Index = -1;
    private long memoL1Entry;

    /**
     * {@code data} is {@code src} itself or the external data file; {@code backingName} is null when the image has
     * no parent.
     */
    GuestReads(Qcow2Header h, ImageSource src, ImageSource data, String backingName) {
        this.src = src;
        this.data = data;
        this.external = data != src;
        this.guestSize = h.size();
        this.clusterBits = (int) h.clusterBits();
        this.clusterSize = h.clusterSize();
        this.extended = h.extendedL2();
        this.l2Bits = clusterBits - (extended ? 4 : 3);
        this.l1Offset = h.l1TableOffset();
        this.l1Size = h.l1Size();
        this.l2 = new L2Cache(src, (int) clusterSize);
        this.compressed = new CompressedCluster(src, clusterBits, h.compressionType());
        this.backingName = backingName;
    }

    long guestSize() {
        return guestSize;
    }

    /** The parent's reader, or null when its format cannot read guest data. */
    void attachBacking(GuestReader parent) {
        this.backing = parent;
        this.backingAttached = true;
    }

    L2Cache l2Cache() {
        return l2;
    }

    void read(long guestOffset, ByteBuffer dst) throws IOException {
        long want = dst.remaining();
        if (guestOffset < 0 || guestOffset > guestSize || want > guestSize - guestOffset) {
            throw new IOException(src.path() + ": guest read of " + want + " bytes at " + guestOffset
                    + " reaches past the guest size of " + guestSize + " bytes");
        }
        long pos = guestOffset;
        while (dst.hasRemaining()) {
            long inCluster = pos & (clusterSize - 1);
            int n = (int) Math.min(dst.remaining(), clusterSize - inCluster);
            readInCluster(pos, dst, n);
            pos += n;
        }
    }

    /** Reads {@code n} bytes at {@code pos}, all inside one guest cluster. */
    private void readInCluster(long pos, ByteBuffer dst, int n) throws IOException {
        long cluster = pos >>> clusterBits;
        long l1Index = cluster >>> l2Bits;
        int l2Index = (int) (cluster & ((1L << l2Bits) - 1));
        long l2Offset = ClusterEntries.l1Offset(l1Entry(l1Index));
        if (l2Offset == 0) {
            unallocated(pos, dst, n);
            return;
        }
        ByteBuffer table = l2.get(l2Offset, l1Index);
        int at = l2Index << (extended ? 4 : 3);
        long entry = table.getLong(at);
        if (ClusterEntries.compressed(entry)) {
            byte[] c = compressed.decompress(entry, pos - (pos & (clusterSize - 1)));
            dst.put(c, (int) (pos & (clusterSize - 1)), n);
            return;
        }
        long host = ClusterEntries.standardOffset(entry);
        // with an external data file, offset 0 is a real cluster when bit 63 is set (qcow2.txt)
        boolean hasHost = host != 0 || (external && ClusterEntries.copied(entry));
        if (hasHost && (host & (clusterSize - 1)) != 0) {
            throw new IOException(src.path() + ": the L2 entry of guest offset " + hex(pos) + " (L2 table "
                    + hex(l2Offset) + ", entry " + l2Index + ") points to " + hex(host)
                    + ", which is not cluster-aligned (QEMU: 'Cluster allocation offset unaligned')");
        }
        if (extended) {
            subclusters(pos, dst, n, host, hasHost, table.getLong(at + 8));
        } else if ((entry & ClusterEntries.ZERO) != 0) {
            zeros(dst, n);
        } else if (!hasHost) {
            unallocated(pos, dst, n);
        } else {
            hostRead(host + (pos & (clusterSize - 1)), pos, dst, n);
        }
    }

    private void subclusters(long pos, ByteBuffer dst, int n, long host, boolean hasHost, long bitmap)
            throws IOException {
        long subSize = clusterSize / SubclusterBitmap.SUBCLUSTERS;
        long end = pos + n;
        while (pos < end) {
            long inCluster = pos & (clusterSize - 1);
            int index = (int) (inCluster / subSize);
            int k = (int) Math.min(end - pos, subSize - inCluster % subSize);
            switch (SubclusterBitmap.kind(bitmap, index, hasHost)) {
                case DATA -> hostRead(host + inCluster, pos, dst, k);
                case ZERO -> zeros(dst, k);
                case UNALLOCATED -> unallocated(pos, dst, k);
                case INVALID -> throw new IOException(src.path() + ": the extended L2 entry of guest offset "
                        + hex(pos) + " has an invalid subcluster bitmap " + hex(bitmap)
                        + " (a subcluster both allocated and zero, or allocated without a host cluster)");
            }
            pos += k;
        }
    }

    private void hostRead(long hostPos, long guestPos, ByteBuffer dst, int n) throws IOException {
        if (!data.contains(hostPos, n)) {
            throw new IOException(data.path() + ": the guest data at guest offset " + hex(guestPos)
                    + " is mapped to " + hex(hostPos) + ", past the end of the " + (external ? "external data " : "")
                    + "file of " + data.size() + " bytes: the L2 entry is damaged or the file was cut short");
        }
        ByteBuffer part = dst.slice(dst.position(), n);
        data.readFully(hostPos, part);
        dst.position(dst.position() + n);
    }

    private void unallocated(long pos, ByteBuffer dst, int n) throws IOException {
        if (backingName == null) {
            zeros(dst, n);
            return;
        }
        if (!backingAttached || backing == null) {
            throw new IOException(src.path() + ": the guest data at " + hex(pos) + " comes from the backing file '"
                    + backingName + "', which " + (backingAttached ? "cannot read guest data" : "is not open"));
        }
        long parentSize = backing.guestSize();
        int fromParent = (int) Math.max(0, Math.min(n, parentSize - pos));
        if (fromParent > 0) {
            ByteBuffer part = dst.slice(dst.position(), fromParent);
            backing.readGuest(pos, part);
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

    private long l1Entry(long index) throws IOException {
        if (index == memoL1Index) return memoL1Entry;
        if (index >= l1Size) {
            throw new IOException(src.path() + ": guest cluster needs L1 entry " + index + ", but the L1 table has "
                    + l1Size + " entries");
        }
        long e = src.read(l1Offset + index * 8, 8).getLong();
        memoL1Index = index;
        memoL1Entry = e;
        return e;
    }

    @Override
    public void close() throws IOException {
        compressed.close();
        if (external) data.close();
    }
}
