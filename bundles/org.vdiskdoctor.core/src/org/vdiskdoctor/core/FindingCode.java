// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core;

import java.util.regex.Pattern;

/**
 * A stable finding code, {@code <domain>.<structure>.<problem>} such as {@code qcow2.refcount.leak}. Scripts depend
 * on these: once released, a code is never renamed. Every code must be declared in its bundle's finding catalog
 * ({@code META-INF/vdiskdoctor/findings.properties}) and documented in {@code docs/findings.md}.
 */
public record FindingCode(String value) implements Comparable<FindingCode> {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9]+(\\.[a-z0-9]+(-[a-z0-9]+)*){2,3}");

    public FindingCode {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a finding code: " + value);
        }
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

    @Override
    public String toString() {
        return value;
    }
}
