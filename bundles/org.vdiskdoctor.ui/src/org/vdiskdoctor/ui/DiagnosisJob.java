// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.Monitor;

/** Diagnoses opened subjects one after the other, off the UI thread, streaming each result to a {@link Sink}. */
final class DiagnosisJob extends Job {

    /** Where results go; implementations hop to the UI thread themselves. */
    interface Sink {
        void result(OpenedSubject s, org.vdiskdoctor.core.SubjectResult r);

        void finished(OpenedSubject s, OpenedSubject.State state, String problem);

        void task(String task);
    }

    private final List<OpenedSubject> subjects;
    private final Supplier<DiagnosisEngine> engine;
    private final DiagnosisOptions options;
    private final Sink sink;

    DiagnosisJob(List<OpenedSubject> subjects, Supplier<DiagnosisEngine> engine, DiagnosisOptions options, Sink sink) {
        super(subjects.size() == 1 ? "Diagnosing " + subjects.get(0).input().getFileName()
                : "Diagnosing " + subjects.size() + " subjects");
        this.subjects = List.copyOf(subjects);
        this.engine = engine;
        this.options = options;
        this.sink = sink;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == Session.JOB_FAMILY;
    }

    @Override
    protected IStatus run(IProgressMonitor pm) {
        SubMonitor progress = SubMonitor.convert(pm, getName(), subjects.size());
        DiagnosisEngine e;
        try {
            e = engine.get();
        } catch (RuntimeException ex) {
            for (OpenedSubject s : subjects) sink.finished(s, OpenedSubject.State.FAILED, String.valueOf(ex.getMessage()));
            return Status.error("The diagnosis engine is not available: " + ex.getMessage(), ex);
        }
        for (int i = 0; i < subjects.size(); i++) {
            OpenedSubject s = subjects.get(i);
            if (pm.isCanceled()) {
                cancelRest(i);
                return Status.CANCEL_STATUS;
            }
            Monitor m = new JobMonitor(progress.split(1), sink::task);
            try {
                e.diagnose(List.of(s.input()), options, m, r -> sink.result(s, r));
                sink.finished(s, OpenedSubject.State.DONE, null);
            } catch (Monitor.CanceledException ex) {
                cancelRest(i);
                return Status.CANCEL_STATUS;
            } catch (RuntimeException ex) {
                // the engine isolates drivers; an exception here is a bug in the engine itself
                sink.finished(s, OpenedSubject.State.FAILED, ex.toString());
            }
        }
        return Status.OK_STATUS;
    }

    private void cancelRest(int from) {
        for (int j = from; j < subjects.size(); j++) sink.finished(subjects.get(j), OpenedSubject.State.CANCELLED, null);
    }
}
