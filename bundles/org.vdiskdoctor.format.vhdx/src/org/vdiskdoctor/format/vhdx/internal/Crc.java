// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** VHDX checksums: CRC-32C over a structure with its own 4-byte checksum field taken as zero. */
final class Crc {
    private Crc() {
    }

    /** CRC-32C of {@code b}'s bytes [0, length) with the 4 bytes at {@code fieldAt} zeroed (b is not changed). */
    static int of(ByteBuffer b, int length, int fieldAt) {
        ByteBuffer copy = ByteBuffer.allocate(length);
        copy.put(0, b, 0, length);
        copy.putInt(fieldAt, 0);
        CRC32C c = new CRC32C();
        c.update(copy);
        return (int) c.getValue();
    }
}
