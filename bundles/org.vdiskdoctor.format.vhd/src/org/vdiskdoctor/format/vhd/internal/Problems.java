// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

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
 * severities come from the catalog unless a finding overrides it. Table entries are reported one by one up to
 * {@link #CAP} per code, then {@link #summarise} adds one finding with the total.
 */
final class Problems {

    /** Individual findings per code before the rest are only counted. */
    static final int CAP = 20;

    private final Path file;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<FindingCode, Integer> counts = new HashMap<>();

    Problems(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Reports {@code message} about the bytes {@code [offset, offset+length)}. */
    void add(FindingCode code, long offset, long length, String message) {
        add(code, null, offset, length, message);
    }

    /** Like {@link #add(FindingCode, long, long, String)} with a severity other than the catalog's default. */
    void add(FindingCode code, Severity severity, long offset, long length, String message) {
        Finding.Builder b = Finding.of(code, file + ": " + message).severity(severity);
        if (offset >= 0 && length >= 0) b.at(file, offset, length);
        else b.file(file);
        findings.add(b.build());
    }

    /** Reports one bad table entry: only the first {@link #CAP} per code become findings, the rest are counted. */
    void addCapped(FindingCode code, long offset, long length, String message) {
        int n = counts.merge(code, 1, Integer::sum);
        if (n <= CAP) add(code, offset, length, message);
    }

    /** One finding per capped code that had more than {@link #CAP} entries, naming the total. */
    void summarise(String what, long offset, long length) {
        for (Map.Entry<FindingCode, Integer> e : counts.entrySet()) {
            if (e.getValue() > CAP) {
                add(e.getKey(), offset, length, e.getValue() + " " + what + " entries have this problem in total; only the"
                        + " first " + CAP + " are reported one by one");
            }
        }
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    static String dec(long v) {
        return Long.toUnsignedString(v);
    }
}
