// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.internal;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.osgi.service.datalocation.Location;
import org.eclipse.swt.widgets.Display;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisService;
import org.vdiskdoctor.ui.PathChooser;
import org.vdiskdoctor.ui.RecentPaths;
import org.vdiskdoctor.ui.Session;

/**
 * Workbench life cycle: picks a workspace when the launcher says {@code -data @noDefault}, and puts the
 * {@link Session}, the {@link RecentPaths} and the {@link PathChooser} (native dialogs) into the application context,
 * where parts and handlers get them injected.
 */
public final class LifeCycle {

    private static final long ENGINE_WAIT_MS = TimeUnit.SECONDS.toMillis(20);

    @PostContextCreate
    void postContextCreate(IEclipseContext context) {
        Location instance = Platform.getInstanceLocation();
        if (instance != null && !instance.isSet()) useDefaultWorkspace(instance);
        Display display = Display.getCurrent();
        context.set(Session.class, new Session(LifeCycle::engine, r -> {
            if (!display.isDisposed()) display.asyncExec(r);
        }));
        context.set(RecentPaths.class, new RecentPaths(stateFolder().resolve("recent.txt")));
        context.set(PathChooser.class, new SwtPathChooser());
    }

    /** {@code ~/.config/vdisk-doctor/workspace} (XDG), or a private temporary one when that is taken or not writable. */
    private static void useDefaultWorkspace(Location instance) {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        Path ws = base.resolve("vdisk-doctor").resolve("workspace");
        try {
            Files.createDirectories(ws);
            if (trySet(instance, ws)) return;
        } catch (IOException | IllegalStateException e) {
            // fall through to a temporary workspace
        }
        try {
            trySet(instance, Files.createTempDirectory("vdisk-doctor-workspace"));
        } catch (IOException | IllegalStateException e) {
            // E4Application reports the unset workspace itself
        }
    }

    private static boolean trySet(Location instance, Path ws) throws IOException {
        URL url = ws.toUri().toURL();
        if (!instance.set(url, true)) return false; // locked: another workbench uses it
        instance.release(); // E4Application locks it again right after us
        return true;
    }

    /** Where per-user state (the recent list) lives: the workspace's metadata, else the user's config folder. */
    static Path stateFolder() {
        Location instance = Platform.getInstanceLocation();
        try {
            if (instance != null && instance.isSet()) {
                return Path.of(instance.getURL().toURI()).resolve(".metadata").resolve("org.vdiskdoctor.ui");
            }
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            // a location URL with spaces (not escaped by Equinox) is not a URI: use the home folder
        }
        return Path.of(System.getProperty("user.home"), ".config", "vdisk-doctor");
    }

    /** Waits (on the job's thread) for the engine service, as the command line does. */
    private static DiagnosisEngine engine() {
        BundleContext bc = FrameworkUtil.getBundle(LifeCycle.class).getBundleContext();
        ServiceTracker<DiagnosisService, DiagnosisService> t = new ServiceTracker<>(bc, DiagnosisService.class, null);
        t.open();
        try {
            DiagnosisService s = t.waitForService(ENGINE_WAIT_MS);
            if (s == null) {
                throw new IllegalStateException("the diagnosis engine service did not start within "
                        + ENGINE_WAIT_MS / 1000 + " s (is org.apache.felix.scr installed and started?)");
            }
            return s.engine();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the diagnosis engine");
        } finally {
            t.close();
        }
    }
}
