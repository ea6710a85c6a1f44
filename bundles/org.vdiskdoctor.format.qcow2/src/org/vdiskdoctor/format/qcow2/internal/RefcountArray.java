// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

/**
 * One 16-bit counter per cluster, saturating at {@value #SATURATED}, in chunks of 65536 clusters allocated on first
 * write: two bytes per cluster that has a non-zero count nearby, and cluster indexes beyond 2^31. A saturated value
 * means "at least 65535"; callers that need more re-read the exact value.
 */
final class RefcountArray {

    static final int CHUNK_BITS = 16;
    static final int CHUNK = 1 << CHUNK_BITS;
    static final int MASK = CHUNK - 1;
    static final int SATURATED = 0xffff;

    private final long capacity;
    private final char[][] chunks;

    RefcountArray(long capacity) {
        this.capacity = capacity;
        this.chunks = new char[(int) ((capacity + CHUNK - 1) >>> CHUNK_BITS)][];
    }

    long capacity() {
        return capacity;
    }

    int get(long cluster) {
        char[] c = chunks[(int) (cluster >>> CHUNK_BITS)];
        return c == null ? 0 : c[(int) cluster & MASK];
    }

    /** Adds {@code n} (positive) to the counter of {@code cluster}, saturating. */
    void add(long cluster, int n) {
        char[] c = chunk((int) (cluster >>> CHUNK_BITS));
        int i = (int) cluster & MASK;
        c[i] = (char) Math.min((long) c[i] + n, SATURATED);
    }

    /** Sets the counter of {@code cluster} to the unsigned {@code value}, saturating. */
    void set(long cluster, long value) {
        int k = (int) (cluster >>> CHUNK_BITS);
        if (value == 0 && chunks[k] == null) return;
        chunk(k)[(int) cluster & MASK] = (char) (Long.compareUnsigned(value, SATURATED) >= 0 ? SATURATED : value);
    }

    /**
     * The chunk holding clusters {@code [k << 16, (k+1) << 16)} (shorter for the last one, up to the capacity), or
     * null when all of them are 0.
     */
    char[] chunkOrNull(int k) {
        return chunks[k];
    }

    int chunks() {
        return chunks.length;
    }

    private char[] chunk(int k) {
        char[] c = chunks[k];
        if (c == null) {
            // the last chunk only as long as the clusters it holds: small images stay small
            chunks[k] = c = new char[(int) Math.min(CHUNK, capacity - ((long) k << CHUNK_BITS))];
        }
        return c;
    }
}
