// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

import org.vdiskdoctor.core.io.ImageSource;

/**
 * Guest reads through a hosted sparse extent's grain directory and tables (QEMU {@code get_cluster_offset}): entry 0
 * reads from the parent (zeros without one), entry 1 reads zeros when the header enables zeroed grains, any other
 * entry is the grain's sector, holding raw data or, in a compressed extent, a grain marker with deflate data. Every
 * entry is checked against the file before it is read; a damaged one is an {@link IOException} naming it. Not
 * thread-safe: the image serialises calls.
 */
final class SparseData implements ExtentData {

    private static final int CACHED_TABLES = 64;

    private final ImageSource src;
    private final SparseLayout l;
    private final long grainBytes;
    private final Map<Long, ByteBuffer> tables = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ByteBuffer> eldest) {
            return size() > CACHED_TABLES;
        }
    };
    private long cachedGrain = -1;
    private byte[] inflated;
    private StreamMarkers.Inflating inflating;

    SparseData(ImageSource src, SparseLayout l) {
        this.src = src;
        this.l = l;
        this.grainBytes = l.grainBytes();
    }

    @Override
    public void read(long offset, long guestOffset, ByteBuffer dst, int n, Parent parent) throws IOException {
        long end = offset + n;
        while (offset < end) {
            long grainIndex = offset / grainBytes;
            long in = offset % grainBytes;
            int k = (int) Math.min(end - offset, grainBytes - in);
            long e = entry(grainIndex);
            if (e == 0) {
                parent.read(guestOffset, dst, k);
            } else if (e == 1 && l.header().zeroedGrains()) {
                ExtentData.zeros(dst, k);
            } else if (l.header().compressed()) {
                dst.put(grain(grainIndex, e), (int) in, k);
            } else {
                long at = e * 512 + in;
                if (!src.contains(at, k)) {
                    throw new IOException(src.path() + ": grain " + grainIndex + " is mapped to sector " + e
                            + ", past the end of the file of " + src.size() + " bytes: the grain table is damaged or"
                            + " the file was cut short");
                }
                ByteBuffer part = dst.slice(dst.position(), k);
                src.readFully(at, part);
                dst.position(dst.position() + k);
            }
            offset += k;
            guestOffset += k;
        }
    }

    private byte[] grain(long grainIndex, long e) throws IOException {
        if (cachedGrain != grainIndex) {
            if (inflated == null) {
                inflated = new byte[(int) grainBytes];
                inflating = new StreamMarkers.Inflating(grainBytes);
            }
            cachedGrain = -1;
            int got = inflating.inflate(src, e * 512, grainIndex * l.header().grainSize(), inflated);
            java.util.Arrays.fill(inflated, got, inflated.length, (byte) 0);
            cachedGrain = grainIndex;
        }
        return inflated;
    }

    /** The grain table entry of grain {@code g}: 0 when its table is not allocated. */
    private long entry(long g) throws IOException {
        long t = g / l.gtEntries();
        int j = (int) (g % l.gtEntries());
        if (t >= l.gdEntries()) throw new IOException(src.path() + ": grain " + g + " lies past the capacity");
        ByteBuffer table = tables.get(t);
        if (table == null) {
            long gt = Integer.toUnsignedLong(src.read(l.gdOffset() * 512 + t * 4, 4)
                    .order(ByteOrder.LITTLE_ENDIAN).getInt());
            if (gt == 0) return 0;
            if (gt < 1 || !src.contains(gt * 512, l.gtBytes())) {
                throw new IOException(src.path() + ": grain directory entry " + t + " points to a grain table at"
                        + " sector " + gt + ", outside the file");
            }
            table = src.read(gt * 512, (int) l.gtBytes()).order(ByteOrder.LITTLE_ENDIAN);
            tables.put(t, table);
        }
        return Integer.toUnsignedLong(table.getInt(j * 4));
    }
}
