// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.format.vhdx.VhdxCodes;

/**
 * The metadata region's table (its first 64 KiB): signature {@code metadata}, an entry count of at most 2047 and
 * 32-byte entries (item GUID, offset and length inside the region, IsUser/IsVirtualDisk/IsRequired flags). Entries
 * whose range is bad are reported and dropped, so the items read later are always inside the region.
 */
record MetadataTable(long regionOffset, long regionLength, int entryCount, List<Item> items) {

    static final int TABLE = 64 * 1024;
    static final long SIGNATURE = 0x617461646174656dL; // "metadata" little-endian
    static final int MAX_ITEM = 1 << 20;

    /** One metadata item: absolute file offset of its entry and of its value. */
    record Item(int slot, long entryAt, Guid guid, long offset, long length, boolean user, boolean virtualDisk,
            boolean required) {

        long fileOffset(long regionOffset) {
            return regionOffset + offset;
        }

        String name() {
            if (guid.equals(Guid.FILE_PARAMETERS)) return "File Parameters";
            if (guid.equals(Guid.VIRTUAL_DISK_SIZE)) return "Virtual Disk Size";
            if (guid.equals(Guid.PAGE_83)) return "Page 83 Data";
            if (guid.equals(Guid.LOGICAL_SECTOR_SIZE)) return "Logical Sector Size";
            if (guid.equals(Guid.PHYSICAL_SECTOR_SIZE)) return "Physical Sector Size";
            if (guid.equals(Guid.PARENT_LOCATOR)) return "Parent Locator";
            return (user ? "user item " : "item ") + guid;
        }

        boolean known() {
            return !name().startsWith("item ") && !name().startsWith("user item ");
        }
    }

    /** Reads the table of {@code region}, or returns null (with a finding) when it is not a metadata table. */
    static MetadataTable read(ImageSource src, RegionTable.Entry region, Problems p) throws IOException {
        long at = region.fileOffset();
        if (region.length() < TABLE) {
            p.add(VhdxCodes.METADATA_BAD_SIGNATURE, region.at(), RegionTable.ENTRY, "the metadata region is "
                    + region.length() + " bytes, smaller than its 64 KiB table");
            return null;
        }
        ByteBuffer b = src.read(at, TABLE).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getLong(0) != SIGNATURE) {
            p.add(VhdxCodes.METADATA_BAD_SIGNATURE, at, 8, "the metadata region at " + Problems.hex(at)
                    + " does not start with \"metadata\"");
            return null;
        }
        int count = Short.toUnsignedInt(b.getShort(10));
        if (count > 2047) {
            p.add(VhdxCodes.METADATA_BAD_SIGNATURE, at + 10, 2, "the metadata table has " + count
                    + " entries; at most 2047 fit");
            return null;
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int e = 32 + i * 32;
            int flags = b.getInt(e + 24);
            Item it = new Item(i, at + e, Guid.at(b, e), Integer.toUnsignedLong(b.getInt(e + 16)),
                    Integer.toUnsignedLong(b.getInt(e + 20)), (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0);
            String bad = rangeProblem(it, region.length());
            if (bad != null) {
                p.add(VhdxCodes.METADATA_ITEM_RANGE, it.entryAt(), 32, it.name() + " (entry " + i + ") " + bad);
                continue;
            }
            for (Item o : items) {
                if (Regions.overlaps(o.offset(), o.length(), it.offset(), it.length())) {
                    p.add(VhdxCodes.METADATA_ITEM_RANGE, it.entryAt(), 32, it.name() + " at +" + Problems.hex(
                            it.offset()) + " overlaps " + o.name() + " at +" + Problems.hex(o.offset()));
                }
            }
            if (!it.known() && it.required()) {
                p.add(VhdxCodes.METADATA_UNKNOWN_REQUIRED, it.entryAt(), 32, it.name() + " is marked IsRequired"
                        + " but this reader (and Hyper-V) does not know it: the image must not be opened");
            }
            items.add(it);
        }
        return new MetadataTable(at, region.length(), count, List.copyOf(items));
    }

    private static String rangeProblem(Item it, long regionLength) {
        if (it.length() == 0) return it.offset() == 0 ? null : "has length 0 but offset " + it.offset();
        if (it.offset() < TABLE) return "starts at +" + Problems.hex(it.offset()) + ", inside the 64 KiB table";
        if (it.length() > MAX_ITEM) return "is " + it.length() + " bytes long; at most 1 MiB is allowed";
        if (it.offset() > regionLength || it.length() > regionLength - it.offset()) {
            return "at +" + Problems.hex(it.offset()) + "+" + it.length() + " reaches past the metadata region ("
                    + regionLength + " bytes)";
        }
        return null;
    }

    Item find(Guid g) {
        for (Item it : items) {
            if (it.guid().equals(g)) return it;
        }
        return null;
    }
}
