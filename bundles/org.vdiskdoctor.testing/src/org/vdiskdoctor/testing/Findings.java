// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.SubjectResult;

/** The questions tests ask of a diagnosis: which codes, which problems, the one finding of a code. */
public final class Findings {

    private Findings() {
    }

    /** Every finding's code, in order. */
    public static List<FindingCode> codes(SubjectResult r) {
        return r.findings().stream().map(Finding::code).toList();
    }

    /** The findings that are not info: errors and warnings. */
    public static List<Finding> problems(SubjectResult r) {
        return r.findings().stream().filter(f -> f.severity() != Severity.INFO).toList();
    }

    /** The codes of {@link #problems}. */
    public static List<FindingCode> problemCodes(SubjectResult r) {
        return problems(r).stream().map(Finding::code).toList();
    }

    /** The findings of {@code code}. */
    public static List<Finding> of(SubjectResult r, FindingCode code) {
        return r.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    /** The one finding of {@code code}; asserts there is exactly one. */
    public static Finding only(SubjectResult r, FindingCode code) {
        List<Finding> f = of(r, code);
        assertEquals(1, f.size(), () -> code + " once in " + r.findings());
        return f.get(0);
    }
}
