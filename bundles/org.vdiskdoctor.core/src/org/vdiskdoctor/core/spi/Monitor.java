// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

/**
 * Progress, cancellation and the per-file time budget. Long loops (table walks) call {@link #checkpoint()} every few
 * thousand entries; it throws when the user cancelled or the budget is spent.
 */
public interface Monitor {

    /** Starts a task of {@code totalWork} units (-1 when unknown). */
    void begin(String task, long totalWork);

    void worked(long units);

    boolean isCanceled();

    /** Throws {@link CanceledException} or {@link BudgetExceededException} when the work must stop. */
    void checkpoint();

    Monitor NONE = new Monitor() {
        @Override
        public void begin(String task, long totalWork) {
        }

        @Override
        public void worked(long units) {
        }

        @Override
        public boolean isCanceled() {
            return false;
        }

        @Override
        public void checkpoint() {
        }
    };

    /** The user cancelled. */
    final class CanceledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CanceledException() {
            super("cancelled");
        }
    }

    /** The per-file time budget ran out. */
    final class BudgetExceededException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BudgetExceededException(String message) {
            super(message);
        }
    }
}
