// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.vdiskdoctor.core.io.ImageSource;

/**
 * The L2 tables guest reads went through last, keyed by their host offset: a small LRU whose memory is bounded by
 * {@value #BUDGET} bytes (at least two tables), so that sequential reads look each table up once. A table is one
 * cluster; its offset is checked (cluster-aligned, after the header cluster, inside the file) before it is read.
 */
final class L2Cache {

    /** The most bytes of L2 tables kept in memory. */
    static final long BUDGET = 4L << 20;

    private final ImageSource src;
    private final int clusterSize;
    private final int capacity;
    private final Map<Long, ByteBuffer> tables;

    L2Cache(ImageSource src, int clusterSize) {
        this.src = src;
        this.clusterSize = clusterSize;
        this.capacity = (int) Math.max(2, BUDGET / clusterSize);
        this.tables = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, ByteBuffer> eldest) {
                return size() > capacity;
            }
        };
    }

    /** How many tables the cache holds at most. */
    int capacity() {
        return capacity;
    }

    /** How many tables it holds now. */
    int size() {
        return tables.size();
    }

    /**
     * The L2 table at {@code offset} (read-only, big-endian). {@code l1Index} is for the message when the offset
     * is damaged.
     */
    ByteBuffer get(long offset, long l1Index) throws IOException {
        ByteBuffer t = tables.get(offset);
        if (t != null) return t;
        if ((offset & (clusterSize - 1)) != 0) {
            throw new IOException(src.path() + ": L1 entry " + l1Index + " points to an L2 table at " + hex(offset)
                    + ", which is not cluster-aligned (QEMU: 'L2 table offset unaligned')");
        }
        if (offset < clusterSize || !src.contains(offset, clusterSize)) {
            throw new IOException(src.path() + ": L1 entry " + l1Index + " points to an L2 table at " + hex(offset)
                    + ", outside the file of " + src.size() + " bytes (or in its header cluster)");
        }
        t = src.read(offset, clusterSize).asReadOnlyBuffer();
        tables.put(offset, t);
        return t;
    }
}
