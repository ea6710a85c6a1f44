// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;
import org.vdiskdoctor.cli.ExitCodes;
import org.vdiskdoctor.cli.VDiskDoctorCli;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisService;

/**
 * The command line's entry point in the framework: {@code org.vdiskdoctor.cli.boot.Boot} starts Equinox with the
 * headless bundles and calls {@link #run} by name (it cannot link against this bundle); the engine service is looked
 * up only when a command needs it.
 */
public final class CliLaunch {

    private static final long SERVICE_WAIT_MS = TimeUnit.SECONDS.toMillis(20);

    private CliLaunch() {
    }

    /** Runs one command line and returns its exit code ({@link ExitCodes}); called by the boot jar. */
    public static int run(BundleContext context, String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        ServiceTracker<DiagnosisService, DiagnosisService> tracker = new ServiceTracker<>(context,
                DiagnosisService.class, null);
        try {
            VDiskDoctorCli.Context ctx = new VDiskDoctorCli.Context(() -> engine(tracker),
                    context.getBundle().getVersion().toString(), Boolean.getBoolean("vdiskdoctor.stderr.tty"));
            return VDiskDoctorCli.run(args == null ? new String[0] : args, ctx, out, err);
        } catch (EngineUnavailableException e) {
            err.println("vdisk-doctor: " + e.getMessage());
            return ExitCodes.TOOL_FAILURE;
        } finally {
            tracker.close();
        }
    }

    private static DiagnosisEngine engine(ServiceTracker<DiagnosisService, DiagnosisService> tracker) {
        // Opened only when a command asks for the engine: opening gets the service, which activates the engine and
        // every driver and probe, work that --version and --help do not need.
        tracker.open();
        try {
            DiagnosisService s = tracker.waitForService(SERVICE_WAIT_MS);
            if (s == null) {
                throw new EngineUnavailableException("the diagnosis engine service did not start within "
                        + SERVICE_WAIT_MS / 1000 + " s (is org.apache.felix.scr installed and started?)");
            }
            return s.engine();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while waiting for the engine");
        }
    }

    private static final class EngineUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EngineUnavailableException(String message) {
            super(message);
        }
    }
}
