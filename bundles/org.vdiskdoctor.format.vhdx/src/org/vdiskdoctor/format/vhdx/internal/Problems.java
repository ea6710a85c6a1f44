// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;

/**
 * The findings of one image. Every message starts with the file and carries the byte range that proves it;
 * severities come from the catalog. Table walks report through {@link #capped}, which keeps the first
 * {@value #CAP} findings of a code and counts the rest, so a BAT full of garbage gives a readable report.
 */
final class Problems {

    /** Individual findings per code from table walks; the rest are counted. */
    static final int CAP = 20;

    private final Path file;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<FindingCode, Long> counts = new HashMap<>();

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

    /** Like {@link #add} with a severity other than the catalog's default for this case. */
    void add(FindingCode code, Severity severity, long offset, long length, String message) {
        findings.add(Finding.of(code, file + ": " + message).severity(severity).at(file, offset, length).build());
    }

    /** Like {@link #add}, but only the first {@value #CAP} of {@code code} become findings. */
    void capped(FindingCode code, long offset, long length, String message) {
        long n = counts.merge(code, 1L, Long::sum);
        if (n <= CAP) add(code, offset, length, message);
    }

    /** How many times {@code code} was reported through {@link #capped}. */
    long count(FindingCode code) {
        return counts.getOrDefault(code, 0L);
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
