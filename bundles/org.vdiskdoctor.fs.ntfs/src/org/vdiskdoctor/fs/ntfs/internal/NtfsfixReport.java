// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ntfsfix -n} (ntfs-3g 2017 and later, C locale) said, read from its text. ntfsfix prints steps
 * ("Mounting volume... ", then "OK", "FAILED" or "BAD") on standard output and libntfs-3g's complaints on standard
 * error, so a complaint often sits between a step and its verdict: "Mounting volume... $MFTMirr does not match $MFT
 * (record 1).", then "FAILED" on the next line. With -n it also prints the repairs it would make ("Correcting
 * differences in $MFTMirr record 1...OK", "Going to empty the journal ($LogFile)... OK") although nothing is
 * written; those are not findings. It ends with "NTFS partition X was processed successfully." when all is well.
 */
final class NtfsfixReport {

    private static final Pattern STEP = Pattern.compile("([A-Z][^:.]*?)\\.\\.\\. ?(.*)");
    private static final Pattern VERDICT = Pattern.compile("OK|FAILED|BAD");
    private static final Pattern MIRROR = Pattern.compile("\\$MFTMirr does not match \\$MFT.*");
    private static final Pattern SUCCESS = Pattern.compile("NTFS partition .* was processed successfully\\.");
    /** Lines that report progress or a volume fact, never a problem. */
    private static final Pattern NEUTRAL = Pattern.compile("Processing of \\$MFT and \\$MFTMirr completed "
            + "successfully\\.|NTFS volume version is \\d+\\.\\d+\\.|No change made");
    /**
     * Lines that follow from a problem named elsewhere: the failed mount of a volume whose mirror differs, the failed
     * remount after a repair that -n did not write, the backup boot sector that -n may not rewrite.
     */
    private static final Pattern CONSEQUENCE = Pattern.compile("Remount failed: .*|Failed to startup volume: .*"
            + "|Error: Failed to fix the alternate boot sector");
    private static final Set<String> CONSEQUENCE_STEPS = Set.of("Mounting volume", "Attempting to correct errors");

    private final Set<String> mirror = new LinkedHashSet<>();
    private final Set<String> backupBoot = new LinkedHashSet<>();
    private final Set<String> problems = new LinkedHashSet<>();
    private final Set<String> consequences = new LinkedHashSet<>();
    private boolean success;

    private NtfsfixReport() {
    }

    /** Reads the tool's text; never throws, whatever the text. */
    static NtfsfixReport parse(String text) {
        NtfsfixReport r = new NtfsfixReport();
        String pending = null;
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty()) continue;
            Matcher step = STEP.matcher(t);
            if (step.matches()) {
                String rest = step.group(2).strip();
                if (VERDICT.matcher(rest).matches()) {
                    r.step(step.group(1), rest);
                    pending = null;
                } else {
                    pending = step.group(1);
                    if (!rest.isEmpty()) r.message(rest);
                }
            } else if (pending != null && VERDICT.matcher(t).matches()) {
                r.step(pending, t);
                pending = null;
            } else {
                r.message(t);
            }
        }
        return r;
    }

    private void step(String step, String verdict) {
        if (verdict.equals("OK")) return;
        if (step.equals("Comparing $MFTMirr to $MFT")) {
            mirror.add(step + "... " + verdict);
        } else if (step.equals("Checking the alternate boot sector")) {
            backupBoot.add(step + "... " + verdict);
        } else if (CONSEQUENCE_STEPS.contains(step)) {
            consequences.add(step + "... " + verdict);
        } else {
            problems.add(step + "... " + verdict);
        }
    }

    private void message(String t) {
        if (SUCCESS.matcher(t).matches()) {
            success = true;
        } else if (MIRROR.matcher(t).matches()) {
            mirror.add(t);
        } else if (CONSEQUENCE.matcher(t).matches()) {
            consequences.add(t);
        } else if (!NEUTRAL.matcher(t).matches()) {
            problems.add(t);
        }
    }

    /** ntfsfix's words about $MFTMirr differing from $MFT, each once; empty when it did not say so. */
    List<String> mirror() {
        return List.copyOf(mirror);
    }

    /** ntfsfix's words about a bad backup boot sector; empty when it did not say so. */
    List<String> backupBoot() {
        return List.copyOf(backupBoot);
    }

    /**
     * The other problems, each distinct line once (ntfsfix repeats libntfs-3g's complaints at every mount attempt);
     * failures that only follow from another problem are added when nothing else explains them.
     */
    List<String> problems() {
        if (!problems.isEmpty() || !mirror.isEmpty() || !backupBoot.isEmpty()) return List.copyOf(problems);
        return new ArrayList<>(consequences);
    }

    /** Whether ntfsfix said "NTFS partition X was processed successfully." */
    boolean success() {
        return success;
    }
}
