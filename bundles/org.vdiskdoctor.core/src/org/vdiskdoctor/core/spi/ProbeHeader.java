// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * What a format driver sees when it is asked how well it matches: the first bytes of the file (up to
 * {@link #LENGTH}), the file's size and its name.
 */
public record ProbeHeader(Path path, long fileSize, ByteBuffer head) {

    public static final int LENGTH = 64 * 1024;

    public ProbeHeader {
        head = head.asReadOnlyBuffer();
    }

    /** A fresh big-endian read-only view of the head, positioned at 0. */
    public ByteBuffer bytes() {
        return head.duplicate().rewind().order(java.nio.ByteOrder.BIG_ENDIAN);
    }

    public boolean startsWith(byte[] magic) {
        ByteBuffer b = bytes();
        if (b.remaining() < magic.length) return false;
        for (byte m : magic) {
            if (b.get() != m) return false;
        }
        return true;
    }

    public String fileName() {
        Path n = path.getFileName();
        return n == null ? "" : n.toString();
    }
}
