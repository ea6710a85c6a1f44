// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import java.util.Set;

/**
 * How big the guest's disk is. The footer holds two answers: the CHS geometry and the current size. Virtual PC (and
 * QEMU for images whose creator is {@code "vpc "} or {@code "qemu"}) uses the geometry; Hyper-V ({@code "win "}),
 * disk2vhd ({@code "d2v "}), XenServer ({@code "tap\0"}), XenConverter ({@code "CTXS"}) and QEMU with
 * {@code force_size=on} ({@code "qem2"}) use the current size, and so does everyone when the geometry is the
 * maximum 65535/16/255. We follow QEMU's block/vpc.c table so that our guest reads match {@code qemu-img convert}.
 */
final class DiskSize {

    private DiskSize() {
    }

    /** 65535 × 16 × 255: the geometry that says "the disk is larger than CHS can tell". */
    static final long MAX_GEOMETRY_SECTORS = 65535L * 16 * 255;
    /** QEMU's limit (VHD_MAX_SECTORS), 2040 GiB; the specification's limit for dynamic disks is 2040 GiB too. */
    static final long MAX_SECTORS = 0xff000000L;

    private static final Set<String> SIZE_FROM_FOOTER = Set.of("win ", "qem2", "d2v ", "CTXS", "tap\\x00");

    /** Whether readers of images from this creator take the size from the geometry. */
    static boolean usesGeometry(Footer f) {
        return !SIZE_FROM_FOOTER.contains(f.creatorApp()) && f.chsSectors() != MAX_GEOMETRY_SECTORS;
    }

    /** The guest size in sectors as QEMU computes it. */
    static long guestSectors(Footer f) {
        return usesGeometry(f) ? f.chsSectors() : Long.divideUnsigned(f.currentSize(), 512);
    }

    /** The geometry the specification's algorithm (appendix "CHS calculation") gives {@code totalSectors}. */
    static int[] specGeometry(long totalSectors) {
        long total = Math.min(totalSectors, MAX_GEOMETRY_SECTORS);
        long spt;
        long heads;
        long cth;
        if (total >= 65535L * 16 * 63) {
            spt = 255;
            heads = 16;
            cth = total / spt;
        } else {
            spt = 17;
            cth = total / spt;
            heads = Math.max(4, (cth + 1023) / 1024);
            if (cth >= heads * 1024 || heads > 16) {
                spt = 31;
                heads = 16;
                cth = total / spt;
            }
            if (cth >= heads * 1024) {
                spt = 63;
                heads = 16;
                cth = total / spt;
            }
        }
        return new int[] { (int) (cth / heads), (int) heads, (int) spt };
    }
}
