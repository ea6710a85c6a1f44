// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code sgdisk -v} (GPT fdisk 1.0.x, C locale) said, read from its text. The text is paragraphs separated by
 * blank lines: first what sgdisk noticed while loading the table (on standard error, so possibly before or after the
 * rest: "Caution: invalid main GPT header, but valid backup", "Warning! One or more CRCs don't match" with a status
 * block "Main header: ERROR"), then one paragraph per problem its verification found ("Problem: ..."), and last
 * either "No problems found. N free sectors ..." or "Identified N problems!". Its exit code is 0 in both cases, and
 * "No problems found" follows load-time CRC warnings too: the paragraphs decide. Rows of asterisks framing a
 * caution are dropped.
 */
final class SgdiskReport {

    /** The classes of problems users act on differently; {@link #OTHER} is everything else sgdisk complains about. */
    enum Kind {
        /** A header or partition array fails its CRC-32; sgdisk used the other copy. */
        CRC,
        /** The backup header is not in the last sector: the disk grew. */
        BACKUP_NOT_AT_END,
        /** The table describes a bigger disk than this one: the disk shrank, or was cut short. */
        DISK_TOO_SMALL,
        /** sgdisk found no GPT it could load and made up an empty one in memory. */
        NO_GPT,
        OTHER
    }

    /** One paragraph of the tool's text, its lines joined by spaces, and its class. */
    record Issue(Kind kind, String text) {
    }

    private static final Pattern NO_PROBLEMS = Pattern.compile("^No problems found\\.\\s*(.*)$");
    private static final Pattern IDENTIFIED = Pattern.compile("^Identified (\\d{1,9}) problems?!$");
    /** Advice sgdisk gives about healthy disks too. */
    private static final Pattern ALIGNMENT = Pattern.compile("doesn't (begin|end) on a \\d+-sector boundary");
    private static final Pattern STATUS = Pattern.compile("^(Main|Backup) (header|partition table): (OK|ERROR)$");
    private static final Pattern BANNER = Pattern.compile("^\\*+$");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]");
    /** The words that start a message of sgdisk's at the margin. */
    private static final Pattern OPENING = Pattern.compile("(Caution|Warning|Problem|Creating new GPT|Found invalid "
            + "GPT|Verification may miss|No problems found\\.|Identified \\d)");

    private final String freeSpace;
    private final Integer identified;
    private final List<Issue> issues;
    private final List<String> damaged;

    private SgdiskReport(String freeSpace, Integer identified, List<Issue> issues, List<String> damaged) {
        this.freeSpace = freeSpace;
        this.identified = identified;
        this.issues = List.copyOf(issues);
        this.damaged = List.copyOf(damaged);
    }

    /** Reads the tool's text; never throws, whatever the text. */
    static SgdiskReport parse(String text) {
        String free = null;
        Integer identified = null;
        List<Issue> issues = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        // sgdisk rings the bell before cautions (BEL characters): control characters are no text
        for (String paragraph : paragraphs(CONTROL.matcher(text).replaceAll(""))) {
            List<String> lines = new ArrayList<>();
            for (String line : paragraph.split("\\R")) {
                String t = line.strip();
                if (t.isEmpty() || BANNER.matcher(t).matches()) continue;
                Matcher s = STATUS.matcher(t);
                if (s.matches()) {
                    String copy = (s.group(1) + " " + s.group(2)).toLowerCase(Locale.ROOT);
                    if (s.group(3).equals("ERROR")) damaged.add(copy);
                    continue;
                }
                lines.add(t);
            }
            if (lines.isEmpty()) continue;
            String p = String.join(" ", lines);
            Matcher m;
            if (free == null && (m = NO_PROBLEMS.matcher(p)).matches()) {
                free = m.group(1);
            } else if (identified == null && (m = IDENTIFIED.matcher(p)).matches()) {
                identified = Integer.valueOf(m.group(1));
            } else if (!ALIGNMENT.matcher(p).find()) {
                issues.add(new Issue(kindOf(p), p));
            }
        }
        return new SgdiskReport(free, identified, issues, damaged);
    }

    /**
     * The text cut at blank lines, and before each line that opens a new message: what sgdisk prints while loading
     * comes without blank lines between its messages ("Warning! Disk size is smaller ..." then "Caution: ...").
     */
    private static List<String> paragraphs(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R", -1)) {
            if (line.isBlank() || OPENING.matcher(line).lookingAt()) {
                if (!current.isEmpty()) out.add(current.toString());
                current.setLength(0);
            }
            if (!line.isBlank()) current.append(line).append('\n');
        }
        if (!current.isEmpty()) out.add(current.toString());
        return out;
    }

    private static Kind kindOf(String p) {
        if (p.contains("Disk is too small to hold all the data") || p.contains("Disk size is smaller than the main "
                + "header indicates") || p.contains("GPT claims the disk is larger than it is")
                || p.contains("protective MBR are too big for the disk")) {
            return Kind.DISK_TOO_SMALL;
        }
        if (p.contains("doesn't reside at the end of the disk")) return Kind.BACKUP_NOT_AT_END;
        if (p.startsWith("Creating new GPT entries in memory") || p.contains("converting MBR to GPT format")) {
            return Kind.NO_GPT;
        }
        if (p.contains("CRC") || p.contains("invalid main GPT header") || p.contains("invalid backup GPT header")
                || p.contains("and corrupt GPT")) {
            return Kind.CRC;
        }
        return Kind.OTHER;
    }

    /** Whether sgdisk closed with "No problems found.". */
    boolean saysNoProblems() {
        return freeSpace != null;
    }

    /** What follows "No problems found.": the free sectors, or null. */
    String freeSpace() {
        return freeSpace;
    }

    /** The N of "Identified N problems!", or null when it did not say it. */
    Integer identified() {
        return identified;
    }

    /** The paragraphs that are not its verdict line or alignment advice, in the order it printed them. */
    List<Issue> issues() {
        return issues;
    }

    List<Issue> issues(Kind kind) {
        return issues.stream().filter(i -> i.kind() == kind).toList();
    }

    boolean has(Kind kind) {
        return !issues(kind).isEmpty();
    }

    /** The copies its status block marked ERROR: "main header", "backup partition table". */
    List<String> damaged() {
        return damaged;
    }
}
