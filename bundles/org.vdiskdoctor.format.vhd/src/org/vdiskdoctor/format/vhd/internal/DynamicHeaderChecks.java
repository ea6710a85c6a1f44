// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import org.vdiskdoctor.format.vhd.VhdCodes;

/**
 * Judges the dynamic header: cookie, checksum, version, block size, whether the table can map the whole disk and
 * whether the table lies inside the file. Says whether the block allocation table can be used for reads.
 */
final class DynamicHeaderChecks {

    private DynamicHeaderChecks() {
    }

    /** Largest block size accepted for reads: larger ones are not written by any tool and would make huge bitmaps. */
    static final long MAX_BLOCK_SIZE = 1L << 30;

    /**
     * Checks {@code h} of a disk of {@code guestBytes} in a file whose footer starts at {@code footerOffset}. True when
     * the cookie, block size and table bounds allow the table to be read.
     */
    static boolean check(DynamicHeader h, long guestBytes, long footerOffset, Problems p) {
        long at = h.offset();
        if (!h.cookieValid()) {
            p.add(VhdCodes.DYNHEADER_BAD_COOKIE, at, 8, "no dynamic header (\"cxsparse\") at the footer's data offset "
                    + Problems.hex(at) + ": the data offset is wrong or the header was overwritten; the disk's blocks"
                    + " cannot be found");
            return false;
        }
        if (!h.checksumValid()) {
            p.add(VhdCodes.DYNHEADER_BAD_CHECKSUM, at + DynamicHeader.OFF_CHECKSUM, 4, "the dynamic header has checksum "
                    + Problems.hex(h.storedChecksum()) + " but its bytes sum to " + Problems.hex(h.computedChecksum())
                    + "; Virtual PC and Hyper-V refuse it (QEMU does not check it)");
        }
        if (h.version() != DynamicHeader.VERSION) {
            p.add(VhdCodes.DYNHEADER_BAD_VERSION, at + DynamicHeader.OFF_VERSION, 4, "dynamic header version "
                    + Problems.hex(Integer.toUnsignedLong(h.version())) + ", the specification knows only 0x10000");
        }
        long bs = h.blockSize();
        boolean blockOk = bs >= 512 && Long.bitCount(bs) == 1 && bs <= MAX_BLOCK_SIZE;
        if (!blockOk) {
            p.add(VhdCodes.DYNHEADER_BAD_BLOCK_SIZE, at + DynamicHeader.OFF_BLOCK_SIZE, 4, "block size " + bs
                    + " is not a power of two between 512 bytes and 1 GiB (the default is 2 MiB); QEMU refuses it"
                    + " (\"Invalid block size\") and no block can be located");
            return false;
        }
        long entries = h.maxTableEntries();
        long needed = Long.divideUnsigned(guestBytes + bs - 1, bs);
        if (guestBytes >= 0 && entries < needed) {
            p.add(VhdCodes.DYNHEADER_TABLE_TOO_SMALL, at + DynamicHeader.OFF_MAX_ENTRIES, 4, "max table entries "
                    + entries + " × block size " + bs + " = " + entries * bs + " bytes, but the disk is " + guestBytes
                    + " bytes (" + needed + " blocks); QEMU refuses it (\"Page table too small\") and the last "
                    + (guestBytes - entries * bs) + " bytes have no table entry");
        }
        long table = h.tableOffset();
        long tableBytes = entries * 4;
        if (table < 0 || table % 512 != 0 || table > footerOffset || tableBytes > footerOffset - table) {
            p.add(VhdCodes.BAT_OUT_OF_BOUNDS, at + DynamicHeader.OFF_TABLE_OFFSET, 8, "the block allocation table at "
                    + Problems.hex(table) + " (" + entries + " entries, " + tableBytes + " bytes) is not sector-aligned"
                    + " or does not end before the footer at " + Problems.hex(footerOffset)
                    + ": no guest block can be located");
            return false;
        }
        return true;
    }
}
