// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import java.util.Arrays;

/**
 * A map from cluster index to an int, open addressing over primitive arrays: no object per entry. It holds the
 * metadata clusters (few next to data clusters) and the distinct L2 tables; its size is bounded by the clusters of
 * the file.
 */
final class ClusterMap {

    private long[] keys = new long[64]; // cluster + 1; 0 = empty
    private int[] values = new int[64];
    private int size;

    int size() {
        return size;
    }

    /** The value of {@code cluster}, or {@code missing}. */
    int get(long cluster, int missing) {
        long k = cluster + 1;
        int mask = keys.length - 1;
        for (int i = slot(k, mask);; i = (i + 1) & mask) {
            if (keys[i] == k) return values[i];
            if (keys[i] == 0) return missing;
        }
    }

    void put(long cluster, int value) {
        if (2 * (size + 1) > keys.length) grow();
        long k = cluster + 1;
        int mask = keys.length - 1;
        for (int i = slot(k, mask);; i = (i + 1) & mask) {
            if (keys[i] == k) {
                values[i] = value;
                return;
            }
            if (keys[i] == 0) {
                keys[i] = k;
                values[i] = value;
                size++;
                return;
            }
        }
    }

    /** The clusters in the map, ascending. */
    long[] sortedClusters() {
        long[] out = new long[size];
        int n = 0;
        for (long k : keys) {
            if (k != 0) out[n++] = k - 1;
        }
        Arrays.sort(out);
        return out;
    }

    private static int slot(long k, int mask) {
        long h = k * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) put(oldKeys[i] - 1, oldValues[i]);
        }
    }
}
