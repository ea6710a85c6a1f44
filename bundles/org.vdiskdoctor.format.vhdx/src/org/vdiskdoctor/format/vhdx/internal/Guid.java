// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A GUID as VHDX stores it: 16 bytes, the first three fields little-endian ("mixed-endian"). Printed in the usual
 * {@code {8-4-4-4-12}} form, upper case, the way Hyper-V and the specification print them.
 */
record Guid(byte[] bytes) {

    static final Guid ZERO = new Guid(new byte[16]);

    static final Guid BAT = parse("2DC27766-F623-4200-9D64-115E9BFD4A08");
    static final Guid METADATA = parse("8B7CA206-4790-4B9A-B8FE-575F050F886E");
    static final Guid FILE_PARAMETERS = parse("CAA16737-FA36-4D43-B3B6-33F0AA44E76B");
    static final Guid VIRTUAL_DISK_SIZE = parse("2FA54224-CD1B-4876-B211-5DBED83BF4B8");
    static final Guid PAGE_83 = parse("BECA12AB-B2E6-4523-93EF-C309E000C746");
    static final Guid LOGICAL_SECTOR_SIZE = parse("8141BF1D-A96F-4709-BA47-F233A8FAAB5F");
    static final Guid PHYSICAL_SECTOR_SIZE = parse("CDA348C7-445D-4471-9CC9-E9885251C556");
    static final Guid PARENT_LOCATOR = parse("A8D35F2D-B30B-454D-ABF7-D3D84834AB0C");
    static final Guid VHDX_PARENT_LOCATOR_TYPE = parse("B04AEFB7-D19E-4A81-B789-25B8E9445913");

    Guid {
        bytes = bytes.clone();
    }

    /** Reads 16 bytes at {@code offset} of {@code b} (absolute, position unchanged). */
    static Guid at(ByteBuffer b, int offset) {
        byte[] g = new byte[16];
        b.get(offset, g);
        return new Guid(g);
    }

    /** Parses {@code 8-4-4-4-12} text, with or without braces. */
    static Guid parse(String text) {
        String h = text.replace("{", "").replace("}", "").replace("-", "");
        byte[] be = HexFormat.of().parseHex(h);
        byte[] g = be.clone();
        reverse(g, 0, 4);
        reverse(g, 4, 2);
        reverse(g, 6, 2);
        return new Guid(g);
    }

    private static void reverse(byte[] a, int from, int len) {
        for (int i = 0; i < len / 2; i++) {
            byte t = a[from + i];
            a[from + i] = a[from + len - 1 - i];
            a[from + len - 1 - i] = t;
        }
    }

    boolean isZero() {
        return equals(ZERO);
    }

    /** {@code {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}}. */
    @Override
    public String toString() {
        byte[] be = bytes.clone();
        reverse(be, 0, 4);
        reverse(be, 4, 2);
        reverse(be, 6, 2);
        String h = HexFormat.of().formatHex(be).toUpperCase(Locale.ROOT);
        return "{" + h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                + h.substring(16, 20) + "-" + h.substring(20) + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Guid g && Arrays.equals(bytes, g.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
