// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.osgi.service.event.Event;
import org.vdiskdoctor.ui.OpenedSubject;
import org.vdiskdoctor.ui.RecentPaths;
import org.vdiskdoctor.ui.Session;
import org.vdiskdoctor.ui.parts.InspectorParts;
import org.vdiskdoctor.ui.parts.VolumeFindings;

import jakarta.inject.Inject;

/**
 * Opens what the command line names once the workbench is up: {@code --open PATH...} (images and folders). With the
 * system property {@code vdiskdoctor.ui.readyFile}, writes that file when those subjects are diagnosed and shown, one
 * line per subject ({@code path<TAB>state<TAB>results<TAB>worst<TAB>volumes}, volumes being the partitions the
 * navigator lists): the smoke test waits for it.
 */
public final class StartupAddon {

    /** System property: a file to write once the subjects named by {@code --open} are shown. */
    public static final String READY_FILE = "vdiskdoctor.ui.readyFile";

    @Inject
    @Optional
    void started(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event, MApplication app,
            Session session, RecentPaths recent, UISynchronize sync) {
        List<Path> paths = openArguments(Platform.getApplicationArgs());
        if (paths.isEmpty()) {
            writeReady(session, paths);
            return;
        }
        MWindow window = app.getChildren().get(0);
        EPartService parts = window.getContext().get(EPartService.class);
        paths.forEach(recent::add);
        session.open(paths).addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent e) {
                // queued after the results, so it runs once they are applied
                sync.asyncExec(() -> writeReady(session, paths));
            }
        });
        // backwards, so that the first image named ends up in front
        for (int i = paths.size() - 1; i >= 0; i--) {
            if (!Files.isDirectory(paths.get(i))) InspectorParts.show(parts, paths.get(i));
        }
    }

    /** The paths after {@code --open} (up to the next option). */
    static List<Path> openArguments(String[] args) {
        List<Path> out = new ArrayList<>();
        boolean in = false;
        for (String a : args == null ? new String[0] : args) {
            if (a.equals("--open")) {
                in = true;
            } else if (a.startsWith("-")) {
                in = false;
            } else if (in) {
                out.add(Path.of(a).toAbsolutePath().normalize());
            }
        }
        return out;
    }

    private static void writeReady(Session session, List<Path> paths) {
        String file = System.getProperty(READY_FILE);
        if (file == null || file.isBlank()) return;
        StringBuilder text = new StringBuilder();
        for (Path p : paths) {
            OpenedSubject s = session.subject(p).orElse(null);
            if (s == null) continue;
            text.append(s.input()).append('\t').append(s.state()).append('\t').append(s.results().size()).append('\t')
                    .append(s.worst() == null ? "ok" : s.worst().label()).append('\t')
                    .append(s.results().stream().mapToInt(r -> VolumeFindings.shown(r).size()).sum()).append('\n');
        }
        try {
            Path target = Path.of(file);
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("vdisk-doctor: cannot write " + file + ": " + e);
        }
    }
}
