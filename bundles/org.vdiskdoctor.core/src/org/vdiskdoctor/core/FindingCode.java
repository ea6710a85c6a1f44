// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core;

/**
 * A stable finding code, {@code <domain>.<structure>.<problem>} such as {@code qcow2.refcount.leak}. Scripts depend
 * on these: once released, a code is never renamed. Every code must be declared in its bundle's finding catalog
 * ({@code META-INF/vdiskdoctor/findings.properties}) and documented in {@code docs/findings.md}.
 */
public record FindingCode(String value) implements Comparable<FindingCode> {

    public FindingCode {
        if (value == null || !wellFormed(value)) {
            throw new IllegalArgumentException("not a finding code: " + value);
        }
    }

    /**
     * {@code [a-z0-9]+(\.[a-z0-9]+(-[a-z0-9]+)*){2,3}}: three or four dot-separated segments of lower-case letters
     * and digits, the later ones with single inner dashes. Checked by hand: every bundle makes its codes while it
     * starts, and an interpreted regular expression per code was a measurable part of a command's start-up.
     */
    static boolean wellFormed(String v) {
        int n = v.length();
        int segments = 0;
        int i = 0;
        while (true) {
            if (i >= n || !alnum(v.charAt(i))) return false; // a segment starts with a letter or digit
            while (i < n && v.charAt(i) != '.') {
                char c = v.charAt(i);
                if (c == '-') {
                    if (segments == 0 || i + 1 >= n || !alnum(v.charAt(i + 1))) return false;
                } else if (!alnum(c)) {
                    return false;
                }
                i++;
            }
            segments++;
            if (i == n) return segments == 3 || segments == 4;
            i++; // the dot
        }
    }

    private static boolean alnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    public static FindingCode of(String value) {
        return new FindingCode(value);
    }

    /** The first segment: {@code qcow2}, {@code vmdk}, {@code core}, … */
    public String domain() {
        return value.substring(0, value.indexOf('.'));
    }

    @Override
    public int compareTo(FindingCode o) {
        return value.compareTo(o.value);
    }

    // equals and hashCode by hand: a record's generated ones are linked through invokedynamic on first use, which
    // costs start-up time for a type that every bundle puts in sets and maps while it starts.
    @Override
    public boolean equals(Object o) {
        return o instanceof FindingCode other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
