// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4.internal;

/**
 * The two checksums of ext4 metadata, in the raw form e2fsprogs and the kernel chain them: CRC-32C without the
 * final inversion and with a caller's seed (java.util.zip.CRC32C always starts at ~0 and inverts), and the CRC-16
 * (polynomial 0x8005 reflected, "CRC-16/ARC" without its fixed start value) of the older gdt_csum feature.
 */
final class Crc {

    private static final int[] CRC32C = new int[256];
    private static final int[] CRC16 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >>> 1) ^ 0x82F63B78 : c >>> 1;
            CRC32C[i] = c;
            int d = i;
            for (int k = 0; k < 8; k++) d = (d & 1) != 0 ? (d >>> 1) ^ 0xA001 : d >>> 1;
            CRC16[i] = d;
        }
    }

    private Crc() {
    }

    static int crc32c(int crc, byte[] b, int off, int len) {
        int c = crc;
        for (int i = off; i < off + len; i++) c = CRC32C[(c ^ b[i]) & 0xff] ^ (c >>> 8);
        return c;
    }

    static int crc16(int crc, byte[] b, int off, int len) {
        int c = crc & 0xffff;
        for (int i = off; i < off + len; i++) c = (CRC16[(c ^ b[i]) & 0xff] ^ (c >>> 8)) & 0xffff;
        return c;
    }
}
