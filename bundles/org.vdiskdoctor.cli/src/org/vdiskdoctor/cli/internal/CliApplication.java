// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.vdiskdoctor.cli.ExitCodes;
import org.vdiskdoctor.cli.VDiskDoctorCli;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisService;

/**
 * The headless Equinox application {@code org.vdiskdoctor.cli.app}: waits for the engine service, runs the command
 * line and returns its exit code (Equinox passes an Integer result on as the process exit code).
 */
public final class CliApplication implements IApplication {

    private static final long SERVICE_WAIT_MS = TimeUnit.SECONDS.toMillis(20);

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        Bundle bundle = FrameworkUtil.getBundle(CliApplication.class);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        ServiceTracker<DiagnosisService, DiagnosisService> tracker = new ServiceTracker<>(bundle.getBundleContext(),
                DiagnosisService.class, null);
        try {
            VDiskDoctorCli.Context ctx = new VDiskDoctorCli.Context(() -> engine(tracker),
                    bundle.getVersion().toString(), Boolean.getBoolean("vdiskdoctor.stderr.tty"));
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

    @Override
    public void stop() {
        // the command runs to completion on the application thread; nothing to interrupt
    }

    private static final class EngineUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EngineUnavailableException(String message) {
            super(message);
        }
    }
}
