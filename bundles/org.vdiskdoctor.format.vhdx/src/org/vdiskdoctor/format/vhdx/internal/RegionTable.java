// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the two 64 KiB region tables (at 192 KiB and 256 KiB): signature {@code regi}, CRC-32C over the 64 KiB with
 * the checksum zeroed, at most 2047 entries of 32 bytes (GUID, FileOffset, Length, Required flag).
 */
record RegionTable(int index, long offset, boolean present, int signature, int storedCrc, int computedCrc,
        long entryCount, List<Entry> entries) {

    static final int SIZE = 64 * 1024;
    static final int SIGNATURE = 0x69676572; // "regi" little-endian
    static final int MAX_ENTRIES = 2047;
    static final int HEADER = 16;
    static final int ENTRY = 32;

    /** One region: where in the file, how long, and whether a reader must understand it. */
    record Entry(int slot, long at, Guid guid, long fileOffset, long length, boolean required) {

        String name() {
            if (guid.equals(Guid.BAT)) return "BAT";
            if (guid.equals(Guid.METADATA)) return "metadata";
            return "region " + guid;
        }

        boolean known() {
            return guid.equals(Guid.BAT) || guid.equals(Guid.METADATA);
        }

        /** Same region, ignoring where the entry itself lies. */
        boolean sameAs(Entry o) {
            return guid.equals(o.guid) && fileOffset == o.fileOffset && length == o.length && required == o.required;
        }
    }

    static RegionTable parse(int index, long offset, ByteBuffer b) {
        if (b == null || b.limit() < SIZE) return new RegionTable(index, offset, false, 0, 0, 0, 0, List.of());
        ByteBuffer le = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long count = Integer.toUnsignedLong(le.getInt(8));
        List<Entry> entries = new ArrayList<>();
        long n = Math.min(count, MAX_ENTRIES);
        for (int i = 0; i < n; i++) {
            int at = HEADER + i * ENTRY;
            entries.add(new Entry(i, offset + at, Guid.at(le, at), le.getLong(at + 16),
                    Integer.toUnsignedLong(le.getInt(at + 24)), (le.getInt(at + 28) & 1) != 0));
        }
        return new RegionTable(index, offset, true, le.getInt(0), le.getInt(4), Crc.of(le, SIZE, 4), count,
                List.copyOf(entries));
    }

    boolean valid() {
        return problem() == null;
    }

    String problem() {
        if (!present) return "the file ends before it";
        if (signature != SIGNATURE) {
            return "its signature is " + Problems.hex(Integer.toUnsignedLong(signature)) + ", not \"regi\"";
        }
        if (storedCrc != computedCrc) {
            return "its CRC-32C is " + VhdxHeader.crcText(storedCrc) + " but the 64 KiB hash to "
                    + VhdxHeader.crcText(computedCrc);
        }
        if (entryCount > MAX_ENTRIES) return "its entry count " + entryCount + " is above " + MAX_ENTRIES;
        return null;
    }

    Entry find(Guid g) {
        for (Entry e : entries) {
            if (e.guid().equals(g)) return e;
        }
        return null;
    }

    boolean sameEntries(RegionTable o) {
        if (entries.size() != o.entries.size()) return false;
        for (int i = 0; i < entries.size(); i++) {
            if (!entries.get(i).sameAs(o.entries.get(i))) return false;
        }
        return true;
    }
}
