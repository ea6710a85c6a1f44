// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.vdiskdoctor.core.FindingCode;

/**
 * The findings of the consistency check, bounded: each code is reported for its first {@value #LIMIT} occurrences
 * and then once more as a summary with the total count, so a badly damaged image gives hundreds of findings, never
 * millions. Codes in the {@code silenced} set (stale refcounts of a dirty lazy-refcount image) are only counted.
 */
final class CheckReport {

    static final int LIMIT = 100;

    private static final class Tally {
        long count;
        long firstOffset;
        long firstLength;
    }

    private final Problems problems;
    private final Set<FindingCode> silenced;
    private final Map<FindingCode, Tally> tallies = new LinkedHashMap<>();
    private boolean incomplete;

    CheckReport(Problems problems, Set<FindingCode> silenced) {
        this.problems = problems;
        this.silenced = new java.util.HashSet<>(silenced);
    }

    /** From now on {@code code} is only counted. */
    void silence(FindingCode code) {
        silenced.add(code);
    }

    /**
     * Counts one occurrence of {@code code} with its evidence; true when the caller should report it individually
     * with {@link #add}.
     */
    boolean take(FindingCode code, long offset, long length) {
        Tally t = tallies.computeIfAbsent(code, c -> new Tally());
        if (t.count++ == 0) {
            t.firstOffset = offset;
            t.firstLength = length;
        }
        return t.count <= LIMIT && !silenced.contains(code);
    }

    /** Counts and, within the limit, reports {@code message}. */
    void report(FindingCode code, long offset, long length, String message) {
        if (take(code, offset, length)) add(code, offset, length, message);
    }

    /** Reports an occurrence already counted by {@link #take}. */
    void add(FindingCode code, long offset, long length, String message) {
        problems.add(code, offset, length, message);
    }

    long count(FindingCode code) {
        Tally t = tallies.get(code);
        return t == null ? 0 : t.count;
    }

    /** The codes counted so far, in the order first seen. */
    Set<FindingCode> codes() {
        return tallies.keySet();
    }

    /** Some structure could not be read completely: leaks would be guesses and are not reported. */
    void markIncomplete() {
        incomplete = true;
    }

    boolean incomplete() {
        return incomplete;
    }

    /** Adds the summary of every code counted more than {@value #LIMIT} times; {@code what} names its items. */
    void summarize(FindingCode code, String what) {
        Tally t = tallies.get(code);
        if (t == null || t.count <= LIMIT || silenced.contains(code)) return;
        problems.add(code, t.firstOffset, t.firstLength, t.count + " " + what + " in total; only the first " + LIMIT
                + " are listed one by one");
    }

    Problems problems() {
        return problems;
    }
}
