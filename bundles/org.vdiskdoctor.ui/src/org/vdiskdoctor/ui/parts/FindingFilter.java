// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.parts;

import java.util.Locale;

import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.vdiskdoctor.core.Severity;

/** Keeps findings at or above a minimum severity whose code contains a text (case-insensitive). */
public final class FindingFilter extends ViewerFilter {

    private Severity minimum = Severity.INFO;
    private String codeText = "";

    /** Hides findings below {@code s} ({@code null}: info, i.e. none). */
    public void setMinimum(Severity s) {
        minimum = s == null ? Severity.INFO : s;
    }

    /** The minimum severity shown. */
    public Severity minimum() {
        return minimum;
    }

    /** Shows only codes containing {@code t}, case-insensitive (blank: all). */
    public void setCodeText(String t) {
        codeText = t == null ? "" : t.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code row} passes. */
    public boolean accepts(FindingRow row) {
        Severity s = row.finding().severity();
        if (s != null && s.compareTo(minimum) < 0) return false;
        return codeText.isEmpty() || row.finding().code().toString().toLowerCase(Locale.ROOT).contains(codeText);
    }

    @Override
    public boolean select(Viewer viewer, Object parent, Object element) {
        return element instanceof FindingRow r && accepts(r);
    }
}
