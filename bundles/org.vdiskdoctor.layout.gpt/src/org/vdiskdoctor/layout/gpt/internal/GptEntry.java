// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * One used entry of a GPT partition array: type GUID, unique GUID, first and last LBA (inclusive), attributes and
 * name (36 UTF-16LE code units). {@code index} counts from 1, as gdisk and the kernel number partitions.
 */
record GptEntry(int index, String type, String unique, long firstLba, long lastLba, long attributes, String name) {

    /** Reads the entry at {@code offset} of the array; {@code null} when its type GUID is all zeros (unused). */
    static GptEntry read(ByteBuffer array, int offset, int index) {
        byte[] type = new byte[16];
        array.get(offset, type);
        if (isZero(type)) return null;
        byte[] unique = new byte[16];
        array.get(offset + 16, unique);
        ByteBuffer le = array.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = new byte[72];
        array.get(offset + 56, name);
        String text = new String(name, StandardCharsets.UTF_16LE);
        int nul = text.indexOf('\0');
        return new GptEntry(index, guid(type), guid(unique), le.getLong(offset + 32), le.getLong(offset + 40),
                le.getLong(offset + 48), nul < 0 ? text : text.substring(0, nul));
    }

    /** Whether first ≤ last, compared as the unsigned numbers they are. */
    boolean ordered() {
        return Long.compareUnsigned(firstLba, lastLba) <= 0;
    }

    /** Sectors covered; only meaningful when {@link #ordered()}. */
    long sectors() {
        return lastLba - firstLba + 1;
    }

    /** A GUID in the mixed-endian text form of the UEFI spec (first three groups little-endian). */
    static String guid(byte[] b) {
        HexFormat h = HexFormat.of().withUpperCase();
        return h.toHexDigits(b[3]) + h.toHexDigits(b[2]) + h.toHexDigits(b[1]) + h.toHexDigits(b[0]) + "-"
                + h.toHexDigits(b[5]) + h.toHexDigits(b[4]) + "-" + h.toHexDigits(b[7]) + h.toHexDigits(b[6]) + "-"
                + h.formatHex(b, 8, 10) + "-" + h.formatHex(b, 10, 16);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) return false;
        }
        return true;
    }
}
