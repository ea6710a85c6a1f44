// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;

/**
 * The findings of one image, collected while its header is parsed and reported by {@link Qcow2Image#check}. Every
 * message starts with the file and carries the byte range that proves it; severities come from the catalog.
 */
final class Problems {

    private final Path file;
    private final List<Finding> findings = new ArrayList<>();

    Problems(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Reports {@code message} about the bytes {@code [offset, offset+length)}. */
    void add(FindingCode code, long offset, long length, String message) {
        findings.add(Finding.of(code, file + ": " + message).at(file, offset, length).build());
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** {@code 0x…} for an offset, unsigned. */
    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** An unsigned 64-bit value in decimal. */
    static String dec(long v) {
        return Long.toUnsignedString(v);
    }
}
