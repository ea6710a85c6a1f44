// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.parts;

import java.util.Comparator;
import java.util.function.Function;

import org.vdiskdoctor.core.Severity;

/** The columns of the findings table: title, width, text and the order sorting by the column gives. */
public enum FindingColumn {
    /** Worst first when sorted descending. */
    SEVERITY("Severity", 80, r -> label(r.finding().severity()),
            Comparator.comparing(r -> r.finding().severity(), Comparator.nullsFirst(Comparator.naturalOrder()))),
    CODE("Code", 220, r -> r.finding().code().toString(), Comparator.comparing(r -> r.finding().code().toString())),
    MESSAGE("Message", 420, r -> r.finding().message(), Comparator.comparing(r -> r.finding().message())),
    FILE("File", 150, r -> String.valueOf(r.file().getFileName()), Comparator.comparing(r -> r.file().toString())),
    /** Numeric order; findings without an offset first. */
    OFFSET("Offset", 110, r -> Labels.offset(r.offset()), Comparator.comparingLong(FindingRow::offset));

    private final String title;
    private final int width;
    private final Function<FindingRow, String> text;
    private final Comparator<FindingRow> order;

    FindingColumn(String title, int width, Function<FindingRow, String> text, Comparator<FindingRow> order) {
        this.title = title;
        this.width = width;
        this.text = text;
        this.order = order;
    }

    /** The header text. */
    public String title() {
        return title;
    }

    /** The initial width in pixels. */
    public int width() {
        return width;
    }

    /** What the cell of {@code r} shows. */
    public String text(FindingRow r) {
        return text.apply(r);
    }

    /** Ascending order by this column. */
    public Comparator<FindingRow> order() {
        return order;
    }

    private static String label(Severity s) {
        return s == null ? "" : s.label();
    }
}
