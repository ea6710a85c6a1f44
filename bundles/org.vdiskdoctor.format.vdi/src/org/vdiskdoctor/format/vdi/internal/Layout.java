// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

/**
 * The header values the block map walk and guest reads rely on, after {@link HeaderChecks} bounded them: the map
 * lies inside the file, the block size is a sane power of two, and the block count covers the disk.
 *
 * @param offBlocks  file offset of the block map
 * @param entries    block map entries (cBlocks)
 * @param offData    file offset of data block 0
 * @param blockSize  guest bytes per block
 * @param blockExtra bytes of extra data in front of each data block
 * @param allocated  the header's allocated block count
 * @param guestSize  the guest-visible size (the disk size rounded up to 512, as QEMU does)
 * @param diff       true for differencing (and undo) images, whose free blocks come from the parent
 */
record Layout(long offBlocks, long entries, long offData, long blockSize, long blockExtra, long allocated,
        long guestSize, boolean diff) {

    /** Entry value of a block never written: zeros, or the parent's data in a differencing image. */
    static final int FREE = 0xFFFFFFFF;
    /** Entry value of a block known to be zeros. */
    static final int ZERO = 0xFFFFFFFE;

    /** Bytes one data block takes in the file. */
    long totalBlock() {
        return blockSize + blockExtra;
    }

    /** The file offset of the guest data of data block {@code index} (unsigned u32). */
    long dataOffset(long index) {
        return offData + index * totalBlock() + blockExtra;
    }

    /** The file offset of map entry {@code block}. */
    long entryOffset(long block) {
        return offBlocks + 4 * block;
    }
}
