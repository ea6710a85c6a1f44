// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import org.vdiskdoctor.core.io.ImageSource;

/**
 * Whether the header lets guest clusters be mapped at all: a known version with a complete header, valid
 * cluster_bits, no incompatible feature this driver does not know, a virtual size the L1 table covers, and an L1
 * table that is cluster-aligned, after the header cluster, within QEMU's limit and wholly inside the file. Each
 * failure already has its own header finding; this only decides, it reports nothing.
 */
final class GuestAccess {

    private GuestAccess() {
    }

    static boolean mappable(Qcow2Header h, ImageSource src) {
        if (!h.complete() || !h.clusterBitsValid() || !h.headerLengthValid()) return false;
        if ((h.incompatibleFeatures() & ~FeatureBits.INCOMPAT_KNOWN) != 0) return false;
        if (HeaderChecks.sizeTooLarge(h)) return false;
        long entries = h.l1Size();
        long offset = h.l1TableOffset();
        if (entries > HeaderChecks.MAX_L1_ENTRIES || entries < h.l1EntriesNeeded()) return false;
        if ((offset & (h.clusterSize() - 1)) != 0) return false;
        if (entries == 0) return true;
        return Long.compareUnsigned(offset, h.clusterSize()) >= 0 && src.contains(offset, entries * 8);
    }
}
