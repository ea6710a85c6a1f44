// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;

import org.vdiskdoctor.cli.internal.Dispatcher;
import org.vdiskdoctor.core.engine.DiagnosisEngine;

/**
 * The {@code vdisk-doctor} command line. Runs the same engine as the workbench and renders the same result objects,
 * as text or as JSON ({@code --json}, schema in docs/cli.md). Usable without OSGi: give it an engine supplier.
 */
public final class VDiskDoctorCli {

    /** What the commands need from their environment. */
    public record Context(Supplier<DiagnosisEngine> engine, String version, boolean stderrIsTerminal) {
    }

    private VDiskDoctorCli() {
    }

    /** Runs the command line and returns the exit code ({@link ExitCodes}). */
    public static int run(String[] args, Context ctx, PrintWriter out, PrintWriter err) {
        return Dispatcher.run(args, ctx, out, err);
    }
}
