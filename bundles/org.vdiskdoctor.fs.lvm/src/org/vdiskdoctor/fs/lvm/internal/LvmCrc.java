// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.lvm.internal;

/**
 * LVM2's checksum ({@code calc_crc} in lib/misc/crc.c): the reflected CRC-32 polynomial 0xEDB88320 without the
 * usual inversions, started at 0xf597a6cf, so java.util.zip.CRC32 cannot compute it.
 */
final class LvmCrc {

    static final int INITIAL = 0xf597a6cf;
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >>> 1) ^ 0xEDB88320 : c >>> 1;
            TABLE[i] = c;
        }
    }

    private LvmCrc() {
    }

    static int update(int crc, byte[] b, int off, int len) {
        int c = crc;
        for (int i = off; i < off + len; i++) c = TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
        return c;
    }

    static int of(byte[] b, int off, int len) {
        return update(INITIAL, b, off, len);
    }
}
