// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;

/**
 * The findings of one VMDK image (descriptor and extents). Every message starts with the file it is about and
 * carries the byte range that proves it. Table entries are reported one by one up to {@link #CAP} per code, then one
 * summary finding gives the total, so a wrecked table stays readable.
 */
final class Problems {

    /** Individual findings per code before the rest are only counted. */
    static final int CAP = 20;

    private final List<Finding> findings = new ArrayList<>();
    private final Map<FindingCode, Long> counts = new LinkedHashMap<>();
    private final Map<FindingCode, Path> countedIn = new LinkedHashMap<>();

    /** Reports {@code message} about {@code [offset, offset+length)} of {@code file}. */
    void add(FindingCode code, Path file, long offset, long length, String message) {
        if (offset < 0) {
            findings.add(Finding.of(code, file + ": " + message).file(file).build());
        } else {
            findings.add(Finding.of(code, file + ": " + message).at(file, offset, length).build());
        }
    }

    /** Like {@link #add}, but only the first {@link #CAP} of {@code code} are kept; the rest are counted. */
    void addCapped(FindingCode code, Path file, long offset, long length, String message) {
        long n = counts.merge(code, 1L, Long::sum);
        countedIn.putIfAbsent(code, file);
        if (n <= CAP) add(code, file, offset, length, message);
    }

    /** Adds one summary finding per capped code that overflowed, then resets the counts. */
    void summarize() {
        for (Map.Entry<FindingCode, Long> e : counts.entrySet()) {
            if (e.getValue() > CAP) {
                Path f = countedIn.get(e.getKey());
                add(e.getKey(), f, -1, 0, e.getValue() + " entries in all have this problem; the first " + CAP
                        + " are reported one by one above");
            }
        }
        counts.clear();
        countedIn.clear();
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
