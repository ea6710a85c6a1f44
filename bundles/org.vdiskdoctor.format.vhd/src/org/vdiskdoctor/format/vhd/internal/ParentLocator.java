// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import java.nio.charset.StandardCharsets;

/**
 * One of the eight parent locator entries of a dynamic header: a platform code saying how the parent's path is
 * encoded, how much room is reserved for it, how long it is and where it lies in the file.
 */
record ParentLocator(int index, long entryOffset, int code, long dataSpace, long dataLength, long dataOffset) {

    static final int NONE = 0;
    static final int WI2R = 0x57693272;
    static final int WI2K = 0x5769326B;
    static final int W2RU = 0x57327275;
    static final int W2KU = 0x57326B75;
    static final int MAC = 0x4D616320;
    static final int MACX = 0x4D616358;
    /** A path longer than this is not a path: it is not read. */
    static final int MAX_LENGTH = 64 * 1024;

    boolean used() {
        return code != NONE;
    }

    boolean known() {
        return code == WI2R || code == WI2K || code == W2RU || code == W2KU || code == MAC || code == MACX;
    }

    /**
     * The room reserved for the path in bytes. The specification says sectors, but Hyper-V and Virtual PC store bytes;
     * a value smaller than the length can only mean sectors.
     */
    long spaceBytes() {
        return dataSpace >= dataLength ? dataSpace : dataSpace * 512;
    }

    /** "W2ru", "Wi2k", or the hex code. */
    String codeName() {
        byte[] b = { (byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8), (byte) code };
        for (byte c : b) {
            if (c < 0x20 || c > 0x7e) return "0x" + Integer.toHexString(code);
        }
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** Decodes the stored path: UTF-16LE for W2ru/W2ku, UTF-8 for the Mac URL, the Windows code page (ASCII) else. */
    String decode(byte[] data) {
        String s = switch (code) {
            case W2RU, W2KU -> new String(data, StandardCharsets.UTF_16LE);
            case MACX -> new String(data, StandardCharsets.UTF_8);
            default -> new String(data, StandardCharsets.ISO_8859_1);
        };
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }
}
