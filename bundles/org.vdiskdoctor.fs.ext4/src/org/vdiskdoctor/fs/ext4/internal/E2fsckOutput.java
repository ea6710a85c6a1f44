// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code e2fsck -fn} said, read from its text (C locale; e2fsprogs 1.4x wording): its version, whether it
 * skipped a journal replay, whether the primary superblock was unusable (and whether it went on from a backup or gave
 * up suggesting {@code e2fsck -b N}), and every other line it printed: the problems it would fix, in its words.
 * Exit codes are not trusted alone: {@link E2fsckCheck} holds this text against the exit code.
 */
record E2fsckOutput(String version, boolean journalSkipped, SuperblockState superblock, String superblockReason,
        List<Long> backupSuggestions, List<String> problemLines, int answers, boolean stillHasErrors, boolean aborted,
        int lastPass, int linesInPasses, boolean summary, String openFailure) {

    /** What e2fsck made of the primary superblock. */
    enum SuperblockState {
        /** It opened the filesystem from the primary superblock. */
        USED,
        /** It was unusable; e2fsck went on from a backup superblock (or backup group descriptors). */
        BACKUP_USED,
        /** It was unusable and e2fsck found no backup by itself: it stopped and suggested {@code e2fsck -b}. */
        UNUSABLE
    }

    private static final Pattern VERSION = Pattern.compile("^e2fsck (\\d[\\w.~+-]*) \\(([^)]*)\\)$");
    private static final Pattern PASS = Pattern.compile("^Pass (\\d)[A-E]?: .*");
    /** The closing line: "label: 11/16384 files (0.0% non-contiguous), 9513/65536 blocks". */
    private static final Pattern SUMMARY = Pattern.compile(
            "^.*: \\d+/\\d+ files \\(\\d+(\\.\\d+)?% non-contiguous\\), \\d+/\\d+ blocks$");
    private static final Pattern SUGGESTION = Pattern.compile("^\\s*e2fsck -b (\\d{1,19}) <device>$");
    private static final String JOURNAL_SKIPPED = "skipping journal recovery because doing a read-only filesystem";
    private static final String TRYING_BACKUP = "trying backup blocks...";
    private static final String CANNOT_READ_SB = "The superblock could not be read or does not describe a valid";
    private static final String STILL_ERRORS = "WARNING: Filesystem still has errors";

    /** Reads the text of one run; {@code target} (the file name e2fsck was given) is replaced by "VOLUME". */
    static E2fsckOutput parse(String text, String target) {
        String version = null;
        boolean journalSkipped = false;
        boolean triedBackup = false;
        boolean cannotRead = false;
        String reason = null;
        List<Long> suggestions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int linesInPasses = 0;
        int answers = 0;
        boolean stillErrors = false;
        boolean aborted = false;
        int lastPass = 0;
        boolean summary = false;
        String openFailure = null;
        for (String raw : text.split("\r?\n")) {
            String line = target.isEmpty() ? raw.strip() : raw.replace(target, "VOLUME").strip();
            Matcher m;
            if (line.isEmpty()) continue;
            if (version == null && (m = VERSION.matcher(line)).matches()) {
                version = "e2fsck " + m.group(1) + " (" + m.group(2) + ")";
            } else if ((m = PASS.matcher(line)).matches()) {
                lastPass = Math.max(lastPass, Integer.parseInt(m.group(1)));
            } else if (line.contains(JOURNAL_SKIPPED)) {
                journalSkipped = true;
            } else if (line.contains(TRYING_BACKUP)) {
                triedBackup = true;
                if (reason == null) reason = line;
            } else if (line.startsWith(CANNOT_READ_SB)) {
                cannotRead = true;
            } else if ((m = SUGGESTION.matcher(raw)).matches()) {
                suggestions.add(Long.parseLong(m.group(1)));
            } else if (lastPass == 0 && line.contains(" while trying to open ")) {
                openFailure = line;
            } else if (lastPass == 0 && line.startsWith("ext2fs_") && reason == null) {
                reason = line; // "ext2fs_open2: Bad magic number in super-block" before "trying backup blocks"
                problems.add(line);
            } else if (line.contains(STILL_ERRORS)) {
                stillErrors = true;
            } else if (line.equals("e2fsck: aborted")) {
                aborted = true;
            } else if (SUMMARY.matcher(line).matches()) {
                summary = true;
            } else if (line.endsWith("? no") || line.equals("IGNORED.")) {
                answers++;
                String question = line.equals("IGNORED.") ? "" : line.substring(0, line.lastIndexOf(' ')).strip();
                // "Padding at end of inode bitmap is not set. Fix? no": the text before the question is the problem
                int dot = question.lastIndexOf(". ");
                if (dot > 0) problems.add(question.substring(0, dot + 1));
            } else {
                problems.add(line);
                if (lastPass > 0) linesInPasses++;
            }
        }
        SuperblockState sb = cannotRead ? SuperblockState.UNUSABLE
                : triedBackup ? SuperblockState.BACKUP_USED : SuperblockState.USED;
        if (sb != SuperblockState.USED && reason != null) problems.remove(reason); // said as the superblock's reason
        if (sb == SuperblockState.UNUSABLE && openFailure != null) {
            reason = reason == null ? openFailure : reason;
            openFailure = null;
        }
        return new E2fsckOutput(version, journalSkipped, sb, reason, List.copyOf(suggestions), List.copyOf(problems),
                answers, stillErrors, aborted, lastPass, linesInPasses, summary, openFailure);
    }

    /**
     * Whether e2fsck said anything is wrong: a question it answered no, a line during its passes, errors left, an
     * abort. (A line before its passes that asks nothing is not understood, so no verdict.)
     */
    boolean foundProblems() {
        return answers > 0 || linesInPasses > 0 || stillHasErrors || aborted;
    }

    /** The number of problems it would fix: its answers, or the problem lines when it asked nothing. */
    int problemCount() {
        return answers > 0 ? answers : problemLines.size();
    }

    /** Whether it ran every pass to the closing summary line. */
    boolean complete() {
        return lastPass == 5 && summary;
    }
}
