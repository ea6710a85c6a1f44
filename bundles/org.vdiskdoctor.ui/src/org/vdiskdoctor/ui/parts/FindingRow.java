// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.parts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.SubjectResult;

/**
 * One row of a findings table: a finding with the subject that gave it.
 *
 * @param subject the subject's result
 * @param finding the finding
 */
public record FindingRow(SubjectResult subject, Finding finding) {

    /** Every finding of every result, in order. */
    public static List<FindingRow> of(List<SubjectResult> results) {
        List<FindingRow> rows = new ArrayList<>();
        for (SubjectResult r : results) {
            for (Finding f : r.findings()) rows.add(new FindingRow(r, f));
        }
        return rows;
    }

    /** The file the finding's evidence names (else the subject's path). */
    public Path file() {
        return Labels.file(finding, subject.path());
    }

    /** The first evidence offset, {@code -1} when none. */
    public long offset() {
        return Labels.offset(finding);
    }
}
