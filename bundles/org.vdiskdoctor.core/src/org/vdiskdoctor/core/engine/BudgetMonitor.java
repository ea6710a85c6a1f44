// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.engine;

import java.time.Duration;

import org.vdiskdoctor.core.spi.Monitor;

/** Wraps the caller's monitor with a per-subject deadline. */
final class BudgetMonitor implements Monitor {

    private final Monitor delegate;
    private final long startNanos;
    private final long budgetNanos;
    private final Duration budget;

    BudgetMonitor(Monitor delegate, Duration budget) {
        this.delegate = delegate;
        this.budget = budget;
        this.startNanos = System.nanoTime();
        // elapsed time is compared, never an absolute deadline: nanoTime may be negative, and a budget of
        // centuries (an "unlimited" CLI value) does not fit in a long of nanoseconds
        long b;
        try {
            b = budget.toNanos();
        } catch (ArithmeticException e) {
            b = Long.MAX_VALUE;
        }
        this.budgetNanos = b;
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
        if (System.nanoTime() - startNanos > budgetNanos) {
            throw new BudgetExceededException("the time budget of " + describe(budget) + " ran out");
        }
        delegate.checkpoint();
    }

    /** "1500 ms", "90 s": whole seconds alone would print a sub-second budget as "0 s". */
    static String describe(Duration d) {
        if (d.compareTo(Duration.ofSeconds(10)) < 0) return d.toMillis() + " ms";
        return d.getSeconds() + " s";
    }
}
