// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.SubjectResult;

/**
 * What the user opened (an image or a folder) and the results diagnosis gave for it so far: one for an image, one
 * per disk image (plus one for the folder itself when it has findings) for a folder. Confined to the UI thread; the
 * {@link Session} changes it and tells its listeners.
 */
public final class OpenedSubject {

    /** Where the diagnosis of a subject stands. */
    public enum State {
        /** Queued or being diagnosed. */
        RUNNING,
        /** Every result is in. */
        DONE,
        /** The user cancelled; the results so far are incomplete. */
        CANCELLED,
        /** The tool failed (no engine, internal error); see {@link OpenedSubject#problem()}. */
        FAILED
    }

    private final Path input;
    private final boolean folder;
    private final List<SubjectResult> results = new ArrayList<>();
    private State state = State.RUNNING;
    private String problem;
    private int run;

    OpenedSubject(Path input, boolean folder) {
        this.input = input;
        this.folder = folder;
    }

    /** The absolute, normalized path the user opened. */
    public Path input() {
        return input;
    }

    /** Whether the user opened a folder (whose disk images are diagnosed one by one). */
    public boolean isFolder() {
        return folder;
    }

    /** The results so far, in the order the engine gave them. */
    public List<SubjectResult> results() {
        return List.copyOf(results);
    }

    /** Where the diagnosis stands. */
    public State state() {
        return state;
    }

    /** Why the state is {@link State#FAILED}, else {@code null}. */
    public String problem() {
        return problem;
    }

    /** The worst severity over all results, {@code null} when nothing was found (or nothing is known yet). */
    public Severity worst() {
        Severity w = null;
        for (SubjectResult r : results) w = Severity.worst(w, r.worst());
        return w;
    }

    /** Starts over (a new diagnosis); returns the run number that results must carry to be applied. */
    int restart() {
        results.clear();
        state = State.RUNNING;
        problem = null;
        return ++run;
    }

    /** Whether {@code r} is the current run (results of a superseded diagnosis are dropped). */
    boolean isRun(int r) {
        return run == r;
    }

    void add(SubjectResult r) {
        results.add(r);
    }

    void finish(State s, String why) {
        state = s;
        problem = why;
    }

    @Override
    public String toString() {
        return input + " (" + state + ", " + results.size() + " results)";
    }
}
