// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.swap.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.vdiskdoctor.core.spi.GuestVolume;

/**
 * The first page of a Linux swap area ({@code union swap_header} in the kernel's {@code include/linux/swap.h}): a
 * 10-byte signature at the page's end, and for version 1 the version, last page, bad-page count, UUID and label
 * after 1024 bytes of boot bits. The page size is the one of the system that ran mkswap: 4, 8, 16 or 64 KiB.
 *
 * @param pageSize the page size whose end holds the signature
 * @param signature the 10 signature bytes as text
 * @param page the first page (bounded: at most 64 KiB)
 */
record SwapHeader(int pageSize, String signature, ByteBuffer page) {

    static final String V1 = "SWAPSPACE2";
    static final String V0 = "SWAP-SPACE";
    /** Signatures the kernel (S1SUSPEND), uswsusp (ULSUSPEND) and TuxOnIce (LINHIB0001) put in place of V1. */
    static final String[] HIBERNATION = { "S1SUSPEND", "S2SUSPEND", "ULSUSPEND", "LINHIB0001" };
    private static final int[] PAGE_SIZES = { 4096, 8192, 16384, 65536 };
    private static final int SIGNATURE_LENGTH = 10;

    /** The header at the start of {@code v}, or {@code null} when no page size has a signature at its end. */
    static SwapHeader read(GuestVolume v) throws IOException {
        for (int ps : PAGE_SIZES) {
            if (!v.contains(0, ps)) break;
            ByteBuffer sig = v.read(ps - SIGNATURE_LENGTH, SIGNATURE_LENGTH);
            byte[] s = new byte[SIGNATURE_LENGTH];
            sig.get(s);
            String text = new String(s, StandardCharsets.ISO_8859_1);
            if (text.equals(V1) || text.equals(V0) || hibernation(text) != null) {
                return new SwapHeader(ps, text, v.read(0, ps));
            }
        }
        return null;
    }

    static String hibernation(String signature) {
        for (String h : HIBERNATION) {
            if (signature.startsWith(h)) return h;
        }
        return null;
    }

    /** Version field, little-endian as on x86 and arm64. */
    long version() {
        return Integer.toUnsignedLong(page.getInt(1024));
    }

    long lastPage() {
        return Integer.toUnsignedLong(page.getInt(1028));
    }

    long badPages() {
        return Integer.toUnsignedLong(page.getInt(1032));
    }

    String uuid() {
        StringBuilder s = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) s.append('-');
            s.append(String.format("%02x", page.get(1036 + i) & 0xff));
        }
        return s.toString();
    }

    String label() {
        byte[] l = new byte[16];
        page.get(1052, l);
        int n = 0;
        while (n < l.length && l[n] != 0) n++;
        return new String(l, 0, n, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
    }

    /** Bytes the area spans: pages 0 to last_page. */
    long bytes() {
        return (lastPage() + 1) * pageSize;
    }
}
