// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.fat.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code fsck.fat -n} (dosfstools 4.x, C locale) said, read from its text. The text has this shape: a version
 * line ("fsck.fat 4.2 (2021-01-31)"), then one block per problem (one or more lines at the margin, e.g. the path of a
 * file, followed by indented lines saying what is wrong and what a repair would do), then "Leaving filesystem
 * unchanged." when something was found, and last the summary "IMG: 1 files, 1/80628 clusters". A fatal problem
 * (an unusable boot sector) ends the run early, without the summary, with exit code 1. Warnings and fatal errors go to
 * standard error, which reaches a pipe before the buffered standard output: they may come before the version line.
 */
final class FsckFatReport {

    /** The kinds of problems users act on differently; {@link #OTHER} is real damage to files and directories. */
    enum Kind {
        DIRTY, BACKUP_BOOT_DIFFERS, FATS_DIFFER, LOST_CLUSTERS, FREE_COUNT_WRONG, OTHER
    }

    /** One block of the tool's text, its lines joined by " / ", and its kind. */
    record Issue(Kind kind, String text) {
    }

    private static final Pattern VERSION = Pattern.compile("fsck\\.fat \\d+\\.\\d+.*");
    private static final Pattern SUMMARY = Pattern.compile(".*: (\\d+ files, \\d+/\\d+ clusters)");
    private static final String UNCHANGED = "Leaving filesystem unchanged.";

    private final String version;
    private final String summary;
    private final List<Issue> issues;

    private FsckFatReport(String version, String summary, List<Issue> issues) {
        this.version = version;
        this.summary = summary;
        this.issues = List.copyOf(issues);
    }

    /** Reads the tool's text; never throws, whatever the text. */
    static FsckFatReport parse(String text) {
        String version = null;
        String summary = null;
        List<Issue> issues = new ArrayList<>();
        List<String> block = new ArrayList<>();
        boolean indentedSeen = false;
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty()) {
                flush(block, issues);
                indentedSeen = false;
                continue;
            }
            boolean indented = Character.isWhitespace(line.charAt(0));
            // not necessarily first: stderr (fatal errors, warnings) is unbuffered and comes before stdout in a pipe
            if (version == null && !indented && VERSION.matcher(t).matches()) {
                flush(block, issues);
                indentedSeen = false;
                version = t;
                continue;
            }
            Matcher end = SUMMARY.matcher(t);
            if (!indented && (t.equals(UNCHANGED) || end.matches())) {
                flush(block, issues);
                indentedSeen = false;
                if (!t.equals(UNCHANGED)) summary = end.group(1);
                continue;
            }
            // a line at the margin after indented ones starts the next problem
            if (!indented && indentedSeen) {
                flush(block, issues);
                indentedSeen = false;
            }
            indentedSeen |= indented;
            block.add(t);
        }
        flush(block, issues);
        return new FsckFatReport(version, summary, issues);
    }

    private static void flush(List<String> block, List<Issue> issues) {
        if (block.isEmpty()) return;
        String text = String.join(" / ", block);
        issues.add(new Issue(kindOf(text), text));
        block.clear();
    }

    private static Kind kindOf(String text) {
        if (text.contains("Dirty bit is set")) return Kind.DIRTY;
        if (text.contains("differences between boot sector and its backup")) return Kind.BACKUP_BOOT_DIFFERS;
        if (text.startsWith("FATs differ")) return Kind.FATS_DIFFER;
        if (text.startsWith("Reclaimed ") && text.contains(" unused cluster")) return Kind.LOST_CLUSTERS;
        if (text.startsWith("Free cluster summary wrong")) return Kind.FREE_COUNT_WRONG;
        return Kind.OTHER;
    }

    /** The version line, or null when the tool printed none. */
    String version() {
        return version;
    }

    /** Whether the run reached its end: the summary line "N files, used/total clusters" was printed. */
    boolean finished() {
        return summary != null;
    }

    /** The summary without the file name ("1 files, 1/80628 clusters"), or null when the run did not finish. */
    String summary() {
        return summary;
    }

    /** The problems, in the order the tool printed them. */
    List<Issue> issues() {
        return issues;
    }

    /** The problems of one kind. */
    List<Issue> issues(Kind kind) {
        return issues.stream().filter(i -> i.kind() == kind).toList();
    }
}
