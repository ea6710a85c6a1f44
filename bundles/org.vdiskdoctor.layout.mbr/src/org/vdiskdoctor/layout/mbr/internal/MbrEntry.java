// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.mbr.internal;

import java.nio.ByteBuffer;

/**
 * One 16-byte partition entry of an MBR or EBR: status (0x00, or 0x80 bootable), type, and the LBA start and
 * sector count as unsigned 32-bit numbers. The CHS fields are ignored, as every modern system ignores them.
 */
record MbrEntry(int slot, int status, int type, long start, long count) {

    static final int TABLE = 446;
    static final int TYPE_PROTECTIVE = 0xEE;

    /** Entry {@code slot} (1..4) of the sector in {@code s}, a little-endian buffer. */
    static MbrEntry read(ByteBuffer s, int slot) {
        int e = TABLE + 16 * (slot - 1);
        return new MbrEntry(slot, s.get(e) & 0xff, s.get(e + 4) & 0xff, Integer.toUnsignedLong(s.getInt(e + 8)),
                Integer.toUnsignedLong(s.getInt(e + 12)));
    }

    /** Type 0 marks an unused entry. */
    boolean used() {
        return type != 0;
    }

    /** DOS (0x05), Windows LBA (0x0F) and Linux (0x85) extended partitions hold a chain of EBRs. */
    boolean extended() {
        return type == 0x05 || type == 0x0F || type == 0x85;
    }

    boolean statusValid() {
        return status == 0x00 || status == 0x80;
    }

    /** One past the last sector (no overflow: both parts are below 2^32). */
    long end() {
        return start + count;
    }
}
