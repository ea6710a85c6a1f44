// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * The size of a block device, for which {@code FileChannel.size()} may report 0 on some JDKs: found by seeking the
 * end with positional reads (a binary search over readable offsets). Regular empty files stay 0.
 */
final class BlockDeviceSize {
    private BlockDeviceSize() {
    }

    static long of(FileChannel ch) throws IOException {
        java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
        if (ch.read(one, 0) <= 0) return 0;
        long lo = 1; // known readable: [0, lo)
        long hi = 1L << 62;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            one.clear();
            if (ch.read(one, mid) > 0) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
