// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.vdiskdoctor.core.io.ImageSource;

/**
 * A FLAT or VMFS extent: guest bytes at a fixed offset of a file. Bytes past the file's end (a flat file cut short,
 * reported as {@code vmdk.extent.size-mismatch}) read as zeros, as QEMU reads them.
 */
record FlatData(ImageSource file, long base) implements ExtentData {

    @Override
    public void read(long offset, long guestOffset, ByteBuffer dst, int n, Parent parent) throws IOException {
        long at = base + offset;
        int have = (int) Math.max(0, Math.min(n, file.size() - at));
        if (have > 0) {
            ByteBuffer part = dst.slice(dst.position(), have);
            file.readFully(at, part);
            dst.position(dst.position() + have);
        }
        ExtentData.zeros(dst, n - have);
    }
}
