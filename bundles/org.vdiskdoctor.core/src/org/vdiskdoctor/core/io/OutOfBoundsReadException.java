// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.io;

import java.io.IOException;

/** A read that a header field asked for lies (partly) outside the file, or is larger than we ever read at once. */
public final class OutOfBoundsReadException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final long length;
    private final long size;

    public OutOfBoundsReadException(long offset, long length, long size) {
        super("read of " + length + " bytes at offset " + offset + " is outside the file of " + size + " bytes");
        this.offset = offset;
        this.length = length;
        this.size = size;
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
}
