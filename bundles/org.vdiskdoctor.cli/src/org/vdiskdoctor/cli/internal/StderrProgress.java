// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import java.io.PrintWriter;

import org.vdiskdoctor.core.spi.Monitor;

/**
 * Progress on stderr, only when stderr is a terminal (the launcher tells us): one line, rewritten in place at most
 * ten times a second, erased before results are printed. Never writes to stdout.
 */
final class StderrProgress implements Monitor {

    private final PrintWriter err;
    private final boolean enabled;
    private String task = "";
    private long total = -1;
    private long done;
    private long lastPrint;
    private boolean dirty;

    StderrProgress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public synchronized void begin(String t, long totalWork) {
        task = t;
        total = totalWork;
        done = 0;
        print(true);
    }

    @Override
    public synchronized void worked(long units) {
        done += units;
        print(false);
    }

    @Override
    public boolean isCanceled() {
        return false;
    }

    @Override
    public void checkpoint() {
    }

    synchronized void clear() {
        if (enabled && dirty) {
            err.print("\r\033[K");
            err.flush();
            dirty = false;
        }
    }

    private void print(boolean force) {
        if (!enabled) return;
        long now = System.nanoTime();
        if (!force && now - lastPrint < 100_000_000L) return;
        lastPrint = now;
        String pct = total > 0 ? String.format(" %3d%%", Math.min(100, done * 100 / total)) : "";
        String line = task.length() > 70 ? "…" + task.substring(task.length() - 69) : task;
        err.print("\r\033[K" + line + pct);
        err.flush();
        dirty = true;
    }
}
