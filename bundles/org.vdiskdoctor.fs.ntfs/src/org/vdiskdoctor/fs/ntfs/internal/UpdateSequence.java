// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The update sequence ("fixups") of multi-sector NTFS structures (FILE records, INDX blocks): the last two bytes of
 * every 512-byte stride hold the update sequence number while on disk, and the real bytes are kept in the array at
 * the header's offset 4 (count at 6). A stride whose last bytes are not the number was not written with the rest:
 * a torn write.
 */
final class UpdateSequence {

    static final int STRIDE = 512;

    private UpdateSequence() {
    }

    /** Applies the fixups to {@code b} in place; returns why they do not fit, or null. */
    static String apply(byte[] b) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (b.length < STRIDE || b.length % STRIDE != 0) return "size " + b.length;
        int usaOfs = le.getShort(4) & 0xffff;
        int usaCount = le.getShort(6) & 0xffff;
        int strides = b.length / STRIDE;
        if (usaCount != strides + 1 || usaOfs < 40 || (usaOfs & 1) != 0 || usaOfs + 2 * usaCount > STRIDE) {
            return "update sequence array at " + usaOfs + " with " + usaCount + " entries does not fit " + strides
                    + " sectors";
        }
        int usn = le.getShort(usaOfs) & 0xffff;
        for (int k = 0; k < strides; k++) {
            int at = (k + 1) * STRIDE - 2;
            int got = le.getShort(at) & 0xffff;
            if (got != usn) {
                return String.format("sector %d of the record ends in 0x%04X, not the update sequence number 0x%04X "
                        + "(a torn write)", k, got, usn);
            }
            le.putShort(at, le.getShort(usaOfs + 2 * (k + 1)));
        }
        return null;
    }

    /** End of the update sequence array: where the structure's own fields may start. */
    static int end(byte[] b) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        return (le.getShort(4) & 0xffff) + 2 * (le.getShort(6) & 0xffff);
    }
}
