// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One of the two 4 KiB VHDX headers (at 64 KiB and 128 KiB). A header is valid when its signature is {@code head},
 * its CRC-32C (over the 4 KiB with the checksum field zeroed) matches and its version is 1; {@link #problem()} says
 * why it is not.
 */
record VhdxHeader(int index, long offset, boolean present, int signature, int storedCrc, int computedCrc,
        long sequence, Guid fileWriteGuid, Guid dataWriteGuid, Guid logGuid, int logVersion, int version,
        long logLength, long logOffset, ByteBuffer raw) {

    static final int SIZE = 4096;
    static final int SIGNATURE = 0x64616568; // "head" little-endian
    static final int OFF_CHECKSUM = 4;
    static final int OFF_SEQUENCE = 8;
    static final int OFF_FILE_WRITE_GUID = 16;
    static final int OFF_DATA_WRITE_GUID = 32;
    static final int OFF_LOG_GUID = 48;
    static final int OFF_LOG_VERSION = 64;
    static final int OFF_VERSION = 66;
    static final int OFF_LOG_LENGTH = 68;
    static final int OFF_LOG_OFFSET = 72;

    /** Parses header {@code index} (1 or 2) from {@code b} (4 KiB read at {@code offset}), or a missing one. */
    static VhdxHeader parse(int index, long offset, ByteBuffer b) {
        if (b == null || b.limit() < SIZE) {
            return new VhdxHeader(index, offset, false, 0, 0, 0, 0, Guid.ZERO, Guid.ZERO, Guid.ZERO, 0, 0, 0, 0,
                    null);
        }
        ByteBuffer le = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return new VhdxHeader(index, offset, true, le.getInt(0), le.getInt(OFF_CHECKSUM),
                Crc.of(le, SIZE, OFF_CHECKSUM), le.getLong(OFF_SEQUENCE), Guid.at(le, OFF_FILE_WRITE_GUID),
                Guid.at(le, OFF_DATA_WRITE_GUID), Guid.at(le, OFF_LOG_GUID),
                Short.toUnsignedInt(le.getShort(OFF_LOG_VERSION)), Short.toUnsignedInt(le.getShort(OFF_VERSION)),
                Integer.toUnsignedLong(le.getInt(OFF_LOG_LENGTH)), le.getLong(OFF_LOG_OFFSET), le.asReadOnlyBuffer());
    }

    boolean valid() {
        return problem() == null;
    }

    /** Why the header is not valid, or {@code null} when it is. */
    String problem() {
        if (!present) return "the file ends before it";
        if (signature != SIGNATURE) {
            return signature == 0 ? "its signature is zero (the header is blank)"
                    : "its signature is " + Problems.hex(Integer.toUnsignedLong(signature)) + ", not \"head\"";
        }
        if (storedCrc != computedCrc) {
            return "its CRC-32C is " + crcText(storedCrc) + " but the 4 KiB hash to " + crcText(computedCrc);
        }
        if (version != 1) return "its version is " + version + ", not 1";
        if (logVersion != 0) return "its LogVersion is " + logVersion + ", not 0";
        return null;
    }

    static String crcText(int crc) {
        return String.format("0x%08x", crc);
    }

    /** Byte-identical apart from nothing: used when both headers have the same sequence number. */
    boolean sameBytes(VhdxHeader o) {
        return raw != null && o.raw != null && raw.equals(o.raw);
    }
}
