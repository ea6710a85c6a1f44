// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.io;

import java.io.IOException;

/**
 * A read that a header field asked for lies (partly) outside the file, or is larger than we ever read at once
 * ({@link ImageSource#MAX_READ}). {@link #beyondEnd()} tells the two apart: only the first means a truncated file.
 */
public final class OutOfBoundsReadException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final long length;
    private final long size;

    public OutOfBoundsReadException(long offset, long length, long size) {
        super(describe(offset, length, size));
        this.offset = offset;
        this.length = length;
        this.size = size;
    }

    private static String describe(long offset, long length, long size) {
        if (outside(offset, length, size)) {
            return "read of " + length + " bytes at offset " + offset + " is outside the file of " + size + " bytes";
        }
        return "read of " + length + " bytes at offset " + offset + " is larger than the single-read limit of "
                + ImageSource.MAX_READ + " bytes (file of " + size + " bytes)";
    }

    private static boolean outside(long offset, long length, long size) {
        return offset < 0 || length < 0 || offset > size || length > size - offset;
    }

    public long offset() {
        return offset;
    }

    public long length() {
        return length;
    }

    public long size() {
        return size;
    }

    /**
     * True when the range really lies (partly) outside the file, or is negative; false when it lies inside but is
     * too large for one read.
     */
    public boolean beyondEnd() {
        return outside(offset, length, size);
    }
}
