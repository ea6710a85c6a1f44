// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.eclipse.core.runtime.jobs.Job;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;

/**
 * The subjects the user opened in this workbench and their results. Diagnosis runs in an Eclipse {@link Job} (with
 * progress and cancel); each result is applied on the UI thread through the executor given at construction, and
 * listeners are told there, so parts never see a half-built state and the UI thread never waits for the engine.
 */
public final class Session {

    /** Told on the UI thread whenever a subject was opened, got a result, or finished. */
    @FunctionalInterface
    public interface Listener {
        /** {@code subject} was opened, got a result, or finished. */
        void changed(OpenedSubject subject);
    }

    /** Told on the UI thread what the running diagnosis is doing ({@code null}: nothing runs). */
    @FunctionalInterface
    public interface ProgressListener {
        /** {@code task} is running now; {@code null} when no diagnosis runs. */
        void progress(String task);
    }

    /** The job family of every diagnosis job a session schedules. */
    public static final Object JOB_FAMILY = Session.class;

    private final Supplier<DiagnosisEngine> engine;
    private final Executor ui;
    private final DiagnosisOptions options;
    private final Map<Path, OpenedSubject> subjects = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<ProgressListener> progressListeners = new CopyOnWriteArrayList<>();
    private final List<Job> running = new CopyOnWriteArrayList<>();

    /**
     * @param engine gives the engine; called on the job's thread, so it may wait for the engine service
     * @param ui runs a task on the UI thread later (e.g. {@code display::asyncExec}); never blocks
     */
    public Session(Supplier<DiagnosisEngine> engine, Executor ui) {
        this.engine = engine;
        this.ui = ui;
        // the inspector shows each top image's structure, so always describe
        this.options = DiagnosisOptions.defaults().withDescribe(true);
    }

    /**
     * Opens (or re-diagnoses) images and folders: they appear at once as {@link OpenedSubject.State#RUNNING}, and a
     * job diagnoses them in the background. Call on the UI thread.
     *
     * @return the scheduled job (tests join it)
     */
    public Job open(List<Path> inputs) {
        List<OpenedSubject> opened = new ArrayList<>();
        Map<OpenedSubject, Integer> runs = new java.util.HashMap<>();
        for (Path p : inputs) {
            Path n = p.toAbsolutePath().normalize();
            OpenedSubject s = subjects.computeIfAbsent(n, k -> new OpenedSubject(k, Files.isDirectory(k)));
            runs.put(s, s.restart());
            opened.add(s);
        }
        opened.forEach(this::fire);
        DiagnosisJob job = new DiagnosisJob(opened, engine, options, new DiagnosisJob.Sink() {
            @Override
            public void result(OpenedSubject s, SubjectResult r) {
                ui.execute(() -> {
                    if (!s.isRun(runs.get(s))) return; // re-opened meanwhile: a newer job owns it
                    s.add(r);
                    fire(s);
                });
            }

            @Override
            public void finished(OpenedSubject s, OpenedSubject.State state, String problem) {
                ui.execute(() -> {
                    if (!s.isRun(runs.get(s))) return;
                    s.finish(state, problem);
                    fire(s);
                });
            }

            @Override
            public void task(String task) {
                ui.execute(() -> progressListeners.forEach(l -> l.progress(task)));
            }
        });
        running.add(job);
        job.addJobChangeListener(new org.eclipse.core.runtime.jobs.JobChangeAdapter() {
            @Override
            public void done(org.eclipse.core.runtime.jobs.IJobChangeEvent event) {
                running.remove(job);
                org.eclipse.core.runtime.IStatus status = event.getResult();
                // an Error escaping the job (a broken bundle: NoClassDefFoundError) is a failure, not a cancel
                boolean failed = status != null && status.getSeverity() == org.eclipse.core.runtime.IStatus.ERROR;
                ui.execute(() -> {
                    // a job cancelled before it ran never reported: its subjects end cancelled, not running
                    for (OpenedSubject s : opened) {
                        if (s.isRun(runs.get(s)) && s.state() == OpenedSubject.State.RUNNING) {
                            if (failed) {
                                s.finish(OpenedSubject.State.FAILED, status.getMessage()
                                        + (status.getException() != null ? ": " + status.getException() : ""));
                            } else {
                                s.finish(OpenedSubject.State.CANCELLED, null);
                            }
                            fire(s);
                        }
                    }
                    progressListeners.forEach(l -> l.progress(null));
                });
            }
        });
        job.schedule();
        return job;
    }

    /** Cancels every running diagnosis; the subjects keep the results they have and end as cancelled. */
    public void cancel() {
        running.forEach(Job::cancel);
    }

    /** Whether a diagnosis job is scheduled or running. */
    public boolean isBusy() {
        return !running.isEmpty();
    }

    /** The opened subjects, in the order they were first opened. */
    public List<OpenedSubject> subjects() {
        return List.copyOf(subjects.values());
    }

    /**
     * Every result of every opened subject, one per path: an image opened both on its own and inside an opened
     * folder counts once (with its latest result).
     */
    public List<SubjectResult> results() {
        Map<Path, SubjectResult> byPath = new LinkedHashMap<>();
        for (OpenedSubject s : subjects.values()) {
            for (SubjectResult r : s.results()) byPath.put(r.path().toAbsolutePath().normalize(), r);
        }
        return new ArrayList<>(byPath.values());
    }

    /** The latest result whose path is {@code image} (compared absolute and normalized). */
    public Optional<SubjectResult> result(Path image) {
        Path n = image.toAbsolutePath().normalize();
        SubjectResult found = null;
        for (SubjectResult r : results()) {
            if (r.path().toAbsolutePath().normalize().equals(n)) found = r;
        }
        return Optional.ofNullable(found);
    }

    /** The subject the user opened as {@code input}, if any. */
    public Optional<OpenedSubject> subject(Path input) {
        return Optional.ofNullable(subjects.get(input.toAbsolutePath().normalize()));
    }

    /** Tells {@code l} (on the UI thread) about every change of a subject. */
    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /** Tells {@code l} (on the UI thread) what the running diagnosis does. */
    public void addProgressListener(ProgressListener l) {
        progressListeners.add(l);
    }

    public void removeProgressListener(ProgressListener l) {
        progressListeners.remove(l);
    }

    private void fire(OpenedSubject s) {
        for (Listener l : listeners) l.changed(s);
    }
}
