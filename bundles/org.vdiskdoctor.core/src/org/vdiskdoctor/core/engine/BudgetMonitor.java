// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.engine;

import java.time.Duration;

import org.vdiskdoctor.core.spi.Monitor;

/** Wraps the caller's monitor with a per-subject deadline. */
final class BudgetMonitor implements Monitor {

    private final Monitor delegate;
    private final long deadlineNanos;
    private final Duration budget;

    BudgetMonitor(Monitor delegate, Duration budget) {
        this.delegate = delegate;
        this.budget = budget;
        long now = System.nanoTime();
        long b = budget.toNanos();
        this.deadlineNanos = b > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + b;
    }

    @Override
    public void begin(String task, long totalWork) {
        delegate.begin(task, totalWork);
    }

    @Override
    public void worked(long units) {
        delegate.worked(units);
    }

    @Override
    public boolean isCanceled() {
        return delegate.isCanceled();
    }

    @Override
    public void checkpoint() {
        if (delegate.isCanceled()) throw new CanceledException();
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new BudgetExceededException("the time budget of " + budget.toSeconds() + " s ran out");
        }
        delegate.checkpoint();
    }
}
