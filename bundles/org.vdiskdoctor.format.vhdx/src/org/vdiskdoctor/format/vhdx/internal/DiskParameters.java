// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.format.vhdx.VhdxCodes;

/**
 * The system metadata items that define the virtual disk: File Parameters (block size, LeaveBlockAllocated,
 * HasParent), Virtual Disk Size, Logical and Physical Sector Size and Page 83 Data. {@link #usable()} is true when
 * every value needed to map guest sectors is present and allowed.
 */
record DiskParameters(long blockSize, boolean leaveBlocksAllocated, boolean hasParent, long virtualSize,
        long logicalSector, long physicalSector, Guid page83, boolean usable) {

    static final long MAX_BLOCK = 256L << 20;
    static final long MAX_DISK = 64L << 40;

    static DiskParameters read(ImageSource src, MetadataTable t, Problems p) throws IOException {
        boolean ok = true;
        long block = 0;
        boolean leave = false;
        boolean parent = false;
        ByteBuffer fp = value(src, t, Guid.FILE_PARAMETERS, 8, p);
        if (fp != null) {
            block = Integer.toUnsignedLong(fp.getInt(0));
            int flags = fp.getInt(4);
            leave = (flags & 1) != 0;
            parent = (flags & 2) != 0;
            if (block < (1 << 20) || block > MAX_BLOCK || Long.bitCount(block) != 1) {
                bad(t, Guid.FILE_PARAMETERS, p, "BlockSize is " + block + "; it must be a power of two from 1 MiB"
                        + " to 256 MiB");
                ok = false;
            }
        } else {
            ok = false;
        }
        long size = 0;
        ByteBuffer vs = value(src, t, Guid.VIRTUAL_DISK_SIZE, 8, p);
        if (vs != null) size = vs.getLong(0);
        else ok = false;
        long logical = sectorSize(src, t, Guid.LOGICAL_SECTOR_SIZE, p);
        long physical = sectorSize(src, t, Guid.PHYSICAL_SECTOR_SIZE, p);
        if (logical <= 0 || physical == -1) ok = false;
        if (vs != null) {
            if (size <= 0 || size > MAX_DISK) {
                bad(t, Guid.VIRTUAL_DISK_SIZE, p, "VirtualDiskSize is " + Long.toUnsignedString(size)
                        + "; it must be above 0 and at most 64 TiB");
                ok = false;
            } else if (logical > 0 && size % logical != 0) {
                bad(t, Guid.VIRTUAL_DISK_SIZE, p, "VirtualDiskSize " + size + " is not a multiple of the logical"
                        + " sector size " + logical);
                ok = false;
            }
        }
        Guid page83 = null;
        ByteBuffer pg = value(src, t, Guid.PAGE_83, 16, p);
        if (pg != null) page83 = Guid.at(pg, 0);
        return new DiskParameters(block, leave, parent, size, logical, physical, page83, ok);
    }

    /** 512 or 4096; 0 when the item is missing (reported), -1 when its value is forbidden (reported). */
    private static long sectorSize(ImageSource src, MetadataTable t, Guid g, Problems p) throws IOException {
        ByteBuffer b = value(src, t, g, 4, p);
        if (b == null) return 0;
        long v = Integer.toUnsignedLong(b.getInt(0));
        if (v != 512 && v != 4096) {
            bad(t, g, p, t.find(g).name() + " is " + v + "; only 512 and 4096 are allowed");
            return -1;
        }
        return v;
    }

    /**
     * The value of the required item {@code g} (reported missing when absent or of the wrong length), little-endian.
     */
    static ByteBuffer value(ImageSource src, MetadataTable t, Guid g, int length, Problems p) throws IOException {
        MetadataTable.Item it = t.find(g);
        if (it == null) {
            p.add(VhdxCodes.METADATA_ITEM_MISSING, t.regionOffset(), MetadataTable.TABLE, "the metadata table has"
                    + " no " + name(g) + " item " + g + ", which every VHDX needs");
            return null;
        }
        if (it.length() < length) {
            p.add(VhdxCodes.METADATA_ITEM_RANGE, it.entryAt(), 32, it.name() + " is " + it.length()
                    + " bytes long; it needs " + length);
            return null;
        }
        long at = it.fileOffset(t.regionOffset());
        return src.read(at, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String name(Guid g) {
        return new MetadataTable.Item(0, 0, g, 0, 0, false, false, false).name();
    }

    private static void bad(MetadataTable t, Guid g, Problems p, String message) {
        MetadataTable.Item it = t.find(g);
        p.add(VhdxCodes.METADATA_BAD_VALUE, it.fileOffset(t.regionOffset()), it.length(), message);
    }

    /** Payload blocks per sector-bitmap block: 2^23 sectors covered by one 1 MiB bitmap. */
    long chunkRatio() {
        return ((1L << 23) * logicalSector) / blockSize;
    }

    long dataBlocks() {
        return (virtualSize + blockSize - 1) / blockSize;
    }

    /** The BAT entries the specification requires, interleaved sector-bitmap entries included. */
    long batEntries() {
        long blocks = dataBlocks();
        long ratio = chunkRatio();
        if (hasParent) {
            long bitmaps = (blocks + ratio - 1) / ratio;
            return bitmaps * (ratio + 1);
        }
        return blocks + (blocks - 1) / ratio;
    }
}
