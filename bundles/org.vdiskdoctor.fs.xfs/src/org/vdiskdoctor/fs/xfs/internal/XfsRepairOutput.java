// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code xfs_repair -n} said, read from its text (C locale; xfsprogs 6.x wording): whether it started and went
 * through phase 7, the ALERT/ERROR about a log that needs replaying, a bad primary superblock (and whether a
 * secondary was verified), a fatal error, and every other line, which is a problem it found. Its progress lines
 * ("Phase N - ...", the indented "- step" lines, "No modify flag set, ...") and the note about the host
 * filesystem's geometry that it prints for image files are not problems.
 */
record XfsRepairOutput(boolean started, boolean finished, List<String> logLines, String superblockReason,
        boolean secondaryVerified, boolean noSecondary, List<String> problemLines, String fatal, String firstLine) {

    private static final Pattern PHASE = Pattern.compile("^Phase (\\d) - .*");
    private static final Pattern STEP = Pattern.compile("^\\s+- .*");
    private static final Pattern BAD_PRIMARY = Pattern.compile("^bad primary superblock - (.*?)\\s*!*$");
    private static final String LOG = "The filesystem has valuable metadata changes in a log";
    private static final String NO_SECONDARY = "Sorry, could not find valid secondary superblock";
    private static final String FINISHED = "No modify flag set, skipping filesystem flush and exiting.";
    private static final List<String> BENIGN = List.of("Cannot get host filesystem geometry.",
            "Repair may fail if there is a sector size mismatch between", "the image and the host filesystem.",
            "No modify flag set, skipping phase 5");
    /** The lines around a bad primary superblock while it looks for and verifies a secondary. */
    private static final Pattern SECONDARY_SEARCH = Pattern.compile("^(attempting to find secondary superblock\\.\\.\\."
            + "|\\.*(found candidate secondary superblock\\.\\.\\.)?|verified secondary superblock\\.\\.\\."
            + "|would write modified primary superblock|Primary superblock would have been modified\\."
            + "|Cannot proceed further in no_modify mode\\.|Exiting now\\.)$");

    /** Reads the text of one run; {@code target} (the file xfs_repair was given) is replaced by "VOLUME". */
    static XfsRepairOutput parse(String text, String target) {
        boolean started = false;
        boolean finished = false;
        boolean inLog = false;
        int lastPhase = 0;
        List<String> log = new ArrayList<>();
        String reason = null;
        boolean verified = false;
        boolean noSecondary = false;
        List<String> problems = new ArrayList<>();
        String fatal = null;
        String first = null;
        for (String raw : text.split("\r?\n")) {
            String line = (target.isEmpty() ? raw : raw.replace(target, "VOLUME")).strip();
            if (line.isEmpty()) {
                inLog = false;
                continue;
            }
            if (first == null) first = line;
            Matcher m;
            if ((m = PHASE.matcher(line)).matches()) {
                inLog = false;
                lastPhase = Math.max(lastPhase, Integer.parseInt(m.group(1)));
                started = true;
            } else if (STEP.matcher(raw).matches()) {
                inLog = false;
            } else if (line.contains(LOG)) {
                inLog = true;
                log.add(line);
            } else if (inLog) {
                log.add(line); // the ALERT / ERROR paragraph goes on to the next blank, phase or step line
            } else if (BENIGN.contains(line)) {
                continue;
            } else if (line.equals(FINISHED)) {
                finished = lastPhase == 7;
            } else if ((m = BAD_PRIMARY.matcher(line)).matches()) {
                reason = m.group(1);
            } else if (line.contains(NO_SECONDARY)) {
                noSecondary = true;
            } else if (reason != null && SECONDARY_SEARCH.matcher(line).matches()) {
                verified |= line.startsWith("verified secondary superblock");
            } else if (line.startsWith("fatal error --")) {
                fatal = line;
            } else {
                problems.add(line);
            }
        }
        return new XfsRepairOutput(started, finished, List.copyOf(log), reason, verified, noSecondary,
                List.copyOf(problems), fatal, first);
    }

    /** Whether the log holds changes that were not replayed. */
    boolean logDirty() {
        return !logLines.isEmpty();
    }

    /** Whether the primary superblock was bad (xfs_repair -n stops there). */
    boolean superblockBad() {
        return superblockReason != null || noSecondary;
    }
}
