// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where one extent's guest bytes come from: a flat file, zeros, or a sparse extent's grains. Bytes a sparse extent
 * has not allocated come from {@code parent} (the delta disk's parent, or zeros).
 */
interface ExtentData {

    /** Reads what the guest sees at the parent. */
    @FunctionalInterface
    interface Parent {
        void read(long guestOffset, ByteBuffer dst, int n) throws IOException;
    }

    /**
     * Puts {@code n} bytes at {@code offset} inside this extent (guest byte {@code guestOffset}) into {@code dst};
     * the caller keeps reads inside the extent.
     */
    void read(long offset, long guestOffset, ByteBuffer dst, int n, Parent parent) throws IOException;

    /** Zeros, for ZERO extents and zeroed grains. */
    ExtentData ZERO = (offset, guestOffset, dst, n, parent) -> zeros(dst, n);

    static void zeros(ByteBuffer dst, int n) {
        for (int i = 0; i < n; i++) dst.put((byte) 0);
    }
}
