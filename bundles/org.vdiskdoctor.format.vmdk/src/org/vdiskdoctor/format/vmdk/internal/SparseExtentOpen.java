// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.io.IOException;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.format.vmdk.VmdkCodes;

/** Reads and judges the sparse header at the start of an extent file. */
final class SparseExtentOpen {

    private SparseExtentOpen() {
    }

    /** The layout of the sparse extent {@code file}, or null (with findings) when its grains cannot be located. */
    static SparseLayout layout(ImageSource file, boolean stream, Problems p) throws IOException {
        if (file.size() < SparseHeader.SIZE) {
            p.add(VmdkCodes.FILE_TRUNCATED, file.path(), 0, file.size(), "the file has " + file.size() + " bytes,"
                    + " less than the 512-byte sparse header");
            return null;
        }
        SparseHeader h = SparseHeader.read(file, 0);
        if (h.magic() != SparseHeader.MAGIC) {
            p.add(VmdkCodes.HEADER_BAD_MAGIC, file.path(), 0, 4, "the sparse extent does not start with KDMV (4b 44"
                    + " 4d 56); it is damaged, or not a hosted sparse extent" + (h.magic() == 0x44574f43L
                    ? " (COWD: an ESX 2 sparse extent, which this tool does not read)" : ""));
            return null;
        }
        return SparseLayout.of(h, file, stream, p);
    }
}
