// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;

/**
 * The findings of one image. Every message starts with the file and carries the byte range that proves it;
 * severities come from the catalog unless a finding states its own.
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

    /** Like {@link #add} with a severity other than the catalog default. */
    void add(FindingCode code, Severity severity, long offset, long length, String message) {
        findings.add(Finding.of(code, file + ": " + message).severity(severity).at(file, offset, length).build());
    }

    /** Reports {@code message} about the file as a whole. */
    void addWholeFile(FindingCode code, String message) {
        findings.add(Finding.of(code, file + ": " + message).file(file).build());
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** {@code 0x…} for an offset, unsigned. */
    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
