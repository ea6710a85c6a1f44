// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;

import java.io.IOException;

import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/**
 * Compares the rebuilt refcounts with the on-disk ones, cluster by cluster, a 65536-cluster chunk at a time (chunks
 * where both are all zero are skipped whole): on-disk above the references is a leak (QEMU: "Leaked cluster"),
 * below is an error (QEMU: "ERROR cluster"). Clusters whose refcount block is unusable are left out: that entry was
 * reported already.
 */
final class RefcountComparison {

    private RefcountComparison() {
    }

    /** QEMU compares the clusters of the file, plus the one past it when a reference reached into it. */
    private static long limit(CheckContext cx) {
        return Math.max(cx.geometry().fileClusters, cx.computed().highest() + 1);
    }

    /** The chunks {@link #compare} goes through, one unit of progress each. */
    static long chunks(CheckContext cx) {
        return (limit(cx) + RefcountArray.CHUNK - 1) >>> RefcountArray.CHUNK_BITS;
    }

    static void compare(CheckContext cx) throws IOException {
        RefcountArray computed = cx.computed().counts();
        RefcountArray disk = cx.disk().array();
        long limit = limit(cx);
        int chunks = (int) chunks(cx);
        for (int k = 0; k < chunks; k++) {
            cx.monitor().checkpoint();
            cx.monitor().worked(1);
            char[] a = computed.chunkOrNull(k);
            char[] b = disk.chunkOrNull(k);
            if (a == null && b == null) continue;
            long base = (long) k << RefcountArray.CHUNK_BITS;
            int n = (int) Math.min(RefcountArray.CHUNK, limit - base);
            for (int i = 0; i < n; i++) {
                int used = a == null ? 0 : a[i];
                int onDisk = b == null ? 0 : b[i];
                if (used != onDisk || used == RefcountArray.SATURATED) mismatch(cx, base + i, used);
            }
        }
    }

    private static void mismatch(CheckContext cx, long cluster, int used) throws IOException {
        if (!cx.disk().known(cluster)) return;
        long onDisk = cx.disk().exact(cluster);
        if (used == RefcountArray.SATURATED && Long.compareUnsigned(onDisk, used) >= 0) return; // cannot tell
        if (onDisk == used) return;
        CheckReport r = cx.report();
        long at = cx.disk().entryOffset(cluster);
        long len = cx.disk().entryLength(cluster);
        String head = "cluster " + cluster + " (" + hex(cluster << cx.geometry().clusterBits) + "): refcount on disk "
                + Long.toUnsignedString(onDisk) + ", referenced " + used + (used == 1 ? " time" : " times");
        if (Long.compareUnsigned(onDisk, used) > 0) {
            if (r.take(Qcow2Codes.REFCOUNT_LEAK, at, len)) {
                r.add(Qcow2Codes.REFCOUNT_LEAK, at, len, head + "; the space is allocated but "
                        + (used == 0 ? "unused" : "counted too often") + " (qemu-img check: 'Leaked cluster " + cluster
                        + " refcount=" + Long.toUnsignedString(onDisk) + " reference=" + used + "')");
            }
        } else if (r.take(Qcow2Codes.REFCOUNT_TOO_LOW, at, len)) {
            String max = used > cx.geometry().refcountMax() && cx.geometry().refcountMax() > 0
                    ? ", more than a " + cx.geometry().refcountBits + "-bit refcount can hold" : "";
            r.add(Qcow2Codes.REFCOUNT_TOO_LOW, at, len, head + " (first by " + cx.computed().kind(cluster).label + max
                    + "); QEMU may allocate it again and overwrite what is there (qemu-img check: 'ERROR cluster "
                    + cluster + " refcount=" + Long.toUnsignedString(onDisk) + " reference=" + used + "')");
        }
    }
}
