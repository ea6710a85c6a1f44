// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a finding's proof lies: a file and, when the proof is a byte range, its offset and length.
 * {@code offset == -1} means the file as a whole (a missing file, a name, a permission).
 */
public record Evidence(Path file, long offset, long length) {

    public Evidence {
        Objects.requireNonNull(file, "file");
        if (offset < -1 || length < 0) throw new IllegalArgumentException("bad evidence range " + offset + "+" + length);
    }

    public static Evidence of(Path file, long offset, long length) {
        return new Evidence(file, offset, length);
    }

    public static Evidence wholeFile(Path file) {
        return new Evidence(file, -1, 0);
    }

    public boolean hasRange() {
        return offset >= 0;
    }

    @Override
    public String toString() {
        return hasRange() ? file + " @0x" + Long.toHexString(offset) + "+" + length : file.toString();
    }
}
