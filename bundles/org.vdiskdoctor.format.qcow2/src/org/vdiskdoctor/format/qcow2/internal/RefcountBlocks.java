// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * The on-disk refcounts: every refcount block that covers a cluster of the file, decoded for any refcount_order
 * 0..6 (1- to 64-bit entries; sub-byte entries packed from the least significant bit, as QEMU does) into a
 * {@link RefcountArray}. Each block is read once, a cluster per read into one reused buffer. Clusters whose block
 * entry is unusable have no known on-disk refcount and are left out of the comparison.
 */
final class RefcountBlocks {

    private final RefcountTable table;
    private final CheckGeometry g;
    private final ImageSource src;
    private final RefcountArray disk;

    private RefcountBlocks(RefcountTable table, CheckGeometry g, ImageSource src, RefcountArray disk) {
        this.table = table;
        this.g = g;
        this.src = src;
        this.disk = disk;
    }

    static RefcountBlocks load(RefcountTable table, CheckGeometry g, ImageSource src, Monitor monitor)
            throws IOException {
        RefcountArray disk = new RefcountArray(g.capacity);
        long perBlock = 1L << g.blockBits;
        long needed = (g.capacity + perBlock - 1) >>> g.blockBits;
        ByteBuffer buf = ByteBuffer.allocate((int) g.clusterSize);
        for (int i = 0; i < Math.min(needed, table.size()); i++) {
            long block = table.block(i);
            if (block == 0 || table.unusable(i)) continue;
            monitor.checkpoint();
            buf.clear();
            src.readFully(block, buf);
            long first = (long) i << g.blockBits;
            decode(buf, g.refcountOrder, first, (int) Math.min(perBlock, g.capacity - first), disk);
            monitor.worked(1);
        }
        return new RefcountBlocks(table, g, src, disk);
    }

    /** Decodes the first {@code n} entries of a refcount block into {@code disk} from cluster {@code first}. */
    static void decode(ByteBuffer b, int order, long first, int n, RefcountArray disk) {
        switch (order) {
            case 4 -> {
                for (int j = 0; j < n; j++) {
                    char v = b.getChar(j << 1);
                    if (v != 0) disk.set(first + j, v);
                }
            }
            case 3 -> {
                for (int j = 0; j < n; j++) {
                    int v = Byte.toUnsignedInt(b.get(j));
                    if (v != 0) disk.set(first + j, v);
                }
            }
            case 5 -> {
                for (int j = 0; j < n; j++) {
                    int v = b.getInt(j << 2);
                    if (v != 0) disk.set(first + j, Integer.toUnsignedLong(v));
                }
            }
            case 6 -> {
                for (int j = 0; j < n; j++) {
                    long v = b.getLong(j << 3);
                    if (v != 0) disk.set(first + j, v);
                }
            }
            default -> {
                int bits = 1 << order;
                int mask = (1 << bits) - 1;
                for (int j = 0; j < n; j++) {
                    int bit = j * bits;
                    int v = (b.get(bit >>> 3) >>> (bit & 7)) & mask;
                    if (v != 0) disk.set(first + j, v);
                }
            }
        }
    }

    RefcountArray array() {
        return disk;
    }

    /** True when the on-disk refcount of {@code cluster} could be read (or is 0 because no block covers it). */
    boolean known(long cluster) {
        long i = cluster >>> g.blockBits;
        return i >= table.size() || !table.unusable((int) i);
    }

    /** The on-disk refcount of {@code cluster}, saturated at 65535. */
    int get(long cluster) {
        return disk.get(cluster);
    }

    /** The exact on-disk refcount of {@code cluster} (unsigned), read again from its block. */
    long exact(long cluster) throws IOException {
        int v = disk.get(cluster);
        if (v < RefcountArray.SATURATED) return v;
        long i = cluster >>> g.blockBits;
        long entry = cluster & ((1L << g.blockBits) - 1);
        long at = table.block((int) i) + (entry << g.refcountOrder) / 8;
        ByteBuffer b = src.read(at, 8 >> Math.max(0, 6 - g.refcountOrder));
        return switch (g.refcountOrder) {
            case 5 -> Integer.toUnsignedLong(b.getInt(0));
            case 6 -> b.getLong(0);
            default -> v;
        };
    }

    /** Where the refcount entry of {@code cluster} lies: its block entry, else the refcount table entry. */
    long entryOffset(long cluster) {
        long i = cluster >>> g.blockBits;
        if (i >= table.size()) return table.offset() + 8L * (table.size() - 1);
        long block = table.block((int) i);
        if (block == 0) return table.offset() + 8 * i;
        return block + ((cluster & ((1L << g.blockBits) - 1)) << g.refcountOrder) / 8;
    }

    /** The length of the evidence at {@link #entryOffset}. */
    long entryLength(long cluster) {
        long i = cluster >>> g.blockBits;
        if (i >= table.size() || table.block((int) i) == 0) return 8;
        return Math.max(1, g.refcountBits / 8);
    }
}
