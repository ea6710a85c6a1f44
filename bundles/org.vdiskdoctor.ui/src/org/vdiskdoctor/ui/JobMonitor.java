// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui;

import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * The core's {@link Monitor} over an Eclipse {@link IProgressMonitor}: task names become sub-tasks (and go to the
 * status line, at most ten times a second), cancelling the job cancels the engine at its next checkpoint.
 */
final class JobMonitor implements Monitor {

    private static final long TASK_INTERVAL_NS = 100_000_000L;

    private final IProgressMonitor pm;
    private final Consumer<String> tasks;
    private long lastTask;

    JobMonitor(IProgressMonitor pm, Consumer<String> tasks) {
        this.pm = pm;
        this.tasks = tasks;
    }

    @Override
    public void begin(String task, long totalWork) {
        pm.subTask(task);
        long now = System.nanoTime();
        if (now - lastTask > TASK_INTERVAL_NS || lastTask == 0) {
            lastTask = now;
            tasks.accept(task);
        }
    }

    @Override
    public void worked(long units) {
        // the engine's units are per structure, not comparable across subjects: the job counts subjects instead
    }

    @Override
    public boolean isCanceled() {
        return pm.isCanceled();
    }

    @Override
    public void checkpoint() {
        if (pm.isCanceled()) throw new CanceledException();
    }
}
