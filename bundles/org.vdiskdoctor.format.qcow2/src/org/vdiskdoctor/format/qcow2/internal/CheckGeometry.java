// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

/**
 * The sizes the consistency check works with, all derived from the header and the file length. The number of
 * clusters comes from the file's length (rounded up), never from a header field, so a lying header cannot make the
 * check allocate more than the file justifies.
 */
final class CheckGeometry {

    final int clusterBits;
    final long clusterSize;
    final long fileSize;
    /** Clusters the file holds, the last one possibly partial: ceil(file size / cluster size). */
    final long fileClusters;
    /** Counters kept: one more than {@link #fileClusters}, for a reference that ends less than a cluster past EOF. */
    final long capacity;
    final int refcountOrder;
    final int refcountBits;
    /** log2 of the refcount entries per refcount block: cluster_bits + 3 - refcount_order. */
    final int blockBits;
    /** Bytes per L2 entry: 8, or 16 with extended L2 entries. */
    final int l2EntrySize;
    /** Entries per L2 table. */
    final int l2Entries;
    /** L1 entries the virtual size needs. */
    final long l1Needed;
    /** Guest data lives in an external data file: standard data clusters are not clusters of this file. */
    final boolean externalData;

    CheckGeometry(Qcow2Header h, long fileSize) {
        this.clusterBits = (int) h.clusterBits();
        this.clusterSize = 1L << clusterBits;
        this.fileSize = fileSize;
        this.fileClusters = (fileSize + clusterSize - 1) >>> clusterBits;
        this.capacity = fileClusters + 1;
        this.refcountOrder = (int) h.refcountOrder();
        this.refcountBits = 1 << refcountOrder;
        this.blockBits = clusterBits + 3 - refcountOrder;
        this.l2EntrySize = h.extendedL2() ? 16 : 8;
        this.l2Entries = (int) (clusterSize / l2EntrySize);
        this.l1Needed = HeaderChecks.sizeTooLarge(h) ? Long.MAX_VALUE : h.l1EntriesNeeded();
        this.externalData = ExternalDataFile.enabled(h);
    }

    boolean aligned(long offset) {
        return (offset & (clusterSize - 1)) == 0;
    }

    /**
     * QEMU's rule for a reference to {@code [offset, offset+length)}: the last cluster may be partly beyond the end
     * of the file, but a range reaching a whole cluster or more past it is an error and is not counted.
     */
    boolean pastEof(long offset, long length) {
        if (offset < 0 || length < 0 || offset > Long.MAX_VALUE - length) return true;
        return offset + length - fileSize >= clusterSize;
    }

    /** The highest refcount the on-disk width can hold, saturated to a long. */
    long refcountMax() {
        return refcountBits >= 64 ? -1L : (1L << refcountBits) - 1;
    }
}
