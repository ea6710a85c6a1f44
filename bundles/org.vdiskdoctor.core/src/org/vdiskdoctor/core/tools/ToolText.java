// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.tools;

import java.util.List;

/**
 * Quoting what a tool said in a finding's message, bounded: a checker may print megabytes about a badly damaged
 * filesystem, a finding quotes the first few problems and counts the rest.
 */
public final class ToolText {

    /** Problems quoted in one message; the rest are counted. */
    public static final int QUOTED = 5;
    /** Characters kept of one quoted problem. */
    public static final int QUOTE_CHARS = 300;

    private ToolText() {
    }

    /** The first {@link #QUOTED} items, each in quotes and bounded, joined by "; ", then "and N more". */
    public static String quoted(List<String> items) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(QUOTED, items.size()); i++) {
            if (i > 0) b.append("; ");
            b.append('"').append(bounded(items.get(i))).append('"');
        }
        if (items.size() > QUOTED) b.append("; and ").append(items.size() - QUOTED).append(" more");
        return b.toString();
    }

    /** A whole output on one line (line breaks become " / "), in quotes and bounded. */
    public static String quotedOutput(String output) {
        return '"' + bounded(output.strip().replaceAll("\\s*\\R\\s*", " / ")) + '"';
    }

    /** {@code s} cut to {@link #QUOTE_CHARS} characters, an ellipsis marking the cut. */
    public static String bounded(String s) {
        return s.length() <= QUOTE_CHARS ? s : s.substring(0, QUOTE_CHARS) + "…";
    }
}
