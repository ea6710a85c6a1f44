// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

/**
 * The distinct L2 tables the L1 tables point at, each with the number of L1 entries that point at it, whether the
 * active L1 table is one of them, and whether it can be walked (aligned and not another structure's cluster). A
 * table shared by the active L1 table and snapshots is read once; its data clusters count once per L1 reference.
 */
final class L2References {

    private static final int COUNT_MASK = (1 << 28) - 1;
    private static final int NO_WALK = 1 << 29;
    private static final int ACTIVE = 1 << 30;

    private final ClusterMap map = new ClusterMap();

    void add(long cluster, boolean active, boolean walkable) {
        int v = map.get(cluster, 0);
        int count = Math.min((v & COUNT_MASK) + 1, COUNT_MASK);
        v = (v & ~COUNT_MASK) | count;
        if (active) v |= ACTIVE;
        if (!walkable) v |= NO_WALK;
        map.put(cluster, v);
    }

    int size() {
        return map.size();
    }

    long[] sortedClusters() {
        return map.sortedClusters();
    }

    /** L1 entries pointing at the L2 table in {@code cluster}. */
    int references(long cluster) {
        return map.get(cluster, 0) & COUNT_MASK;
    }

    boolean active(long cluster) {
        return (map.get(cluster, 0) & ACTIVE) != 0;
    }

    boolean walkable(long cluster) {
        int v = map.get(cluster, 0);
        return v != 0 && (v & NO_WALK) == 0;
    }
}
