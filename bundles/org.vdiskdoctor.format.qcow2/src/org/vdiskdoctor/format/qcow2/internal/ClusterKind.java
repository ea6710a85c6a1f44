// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

/** What a cluster is used for, as the consistency check found it referenced. */
enum ClusterKind {
    HEADER("the header"),
    L1_TABLE("the active L1 table"),
    L2_TABLE("an L2 table"),
    SNAPSHOT_L1_TABLE("a snapshot's L1 table"),
    SNAPSHOT_TABLE("the snapshot table"),
    REFCOUNT_TABLE("the refcount table"),
    REFCOUNT_BLOCK("a refcount block"),
    LUKS_HEADER("the LUKS header"),
    BITMAP_DIRECTORY("the bitmap directory"),
    BITMAP_TABLE("a bitmap table"),
    BITMAP_DATA("bitmap data"),
    DATA("guest data");

    final String label;

    ClusterKind(String label) {
        this.label = label;
    }

    /** True when two references of this kind may share a cluster: L2 tables (snapshots) and guest data. */
    boolean shareable() {
        return this == L2_TABLE || this == DATA;
    }

    static ClusterKind of(int ordinal) {
        return values()[ordinal];
    }
}
