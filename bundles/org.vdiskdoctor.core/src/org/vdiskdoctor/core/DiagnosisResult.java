// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core;

import java.util.List;

/** The results of one diagnosis run, one per subject, in the order the subjects were given or found. */
public record DiagnosisResult(List<SubjectResult> subjects) {

    public static final int EXIT_OK = 0;
    public static final int EXIT_TOOL_FAILURE = 1;
    public static final int EXIT_ERRORS = 2;
    public static final int EXIT_WARNINGS = 3;

    public DiagnosisResult {
        subjects = List.copyOf(subjects);
    }

    /** 1 if the tool failed on any subject, else 2 for any error finding, 3 for any warning, else 0. */
    public static int exitCode(List<SubjectResult> subjects) {
        boolean warn = false;
        boolean err = false;
        for (SubjectResult s : subjects) {
            if (s.toolFailure()) return EXIT_TOOL_FAILURE;
            Severity w = s.worst();
            err |= w == Severity.ERROR;
            warn |= w == Severity.WARNING;
        }
        return err ? EXIT_ERRORS : warn ? EXIT_WARNINGS : EXIT_OK;
    }

    public int exitCode() {
        return exitCode(subjects);
    }
}
