// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import org.vdiskdoctor.core.spi.GuestDisk;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * LBA 0 of a GPT disk (UEFI spec 5.2.3): the 0x55AA signature and one partition entry of type 0xEE from LBA 1 over
 * min(disk - 1, 0xFFFFFFFF) sectors, so that MBR-only tools see the disk as full. A hybrid MBR (gdisk's {@code -h})
 * has other entries beside the 0xEE one; the MBR probe reports that, and its 0xEE entry is not meant to cover the
 * disk.
 */
record ProtectiveMbr(boolean signature, int eeSlot, long eeStart, long eeSize, int otherEntries) {

    static final int TYPE_PROTECTIVE = 0xEE;
    private static final int TABLE = 446;

    static ProtectiveMbr read(GuestDisk disk) throws IOException {
        ByteBuffer s = disk.read(0, 1);
        boolean sig = (s.get(510) & 0xff) == 0x55 && (s.get(511) & 0xff) == 0xAA;
        int slot = -1;
        long start = 0;
        long size = 0;
        int others = 0;
        for (int i = 0; i < 4; i++) {
            int e = TABLE + 16 * i;
            int type = s.get(e + 4) & 0xff;
            if (type == TYPE_PROTECTIVE && slot < 0) {
                slot = i + 1;
                start = Integer.toUnsignedLong(s.getInt(e + 8));
                size = Integer.toUnsignedLong(s.getInt(e + 12));
            } else if (type != 0) {
                others++;
            }
        }
        return new ProtectiveMbr(sig, slot, start, size, others);
    }

    /** Signature present and a 0xEE entry: firmware and kernels accept the GPT behind it. */
    boolean present() {
        return signature && eeSlot > 0;
    }

    /** A 0xEE entry and nothing else: the entry should cover the whole disk. */
    boolean protectiveOnly() {
        return present() && otherEntries == 0;
    }

    /** The size the 0xEE entry must have on a disk of {@code sectors} sectors. */
    static long expectedSize(long sectors) {
        return Math.min(sectors - 1, 0xFFFF_FFFFL);
    }
}
