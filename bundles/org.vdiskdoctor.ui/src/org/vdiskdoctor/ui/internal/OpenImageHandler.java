// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.internal;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Shell;
import org.vdiskdoctor.ui.PathChooser;
import org.vdiskdoctor.ui.RecentPaths;
import org.vdiskdoctor.ui.Session;
import org.vdiskdoctor.ui.parts.InspectorParts;

import jakarta.inject.Named;

/** File › Open image…: asks for one or more image files, diagnoses them and shows each in a Disk Inspector. */
public final class OpenImageHandler {

    @Execute
    void execute(@Named("activeShell") Shell shell, PathChooser chooser, Session session, RecentPaths recent,
            EPartService parts) {
        List<Path> files = chooser.chooseImages(shell);
        if (!files.isEmpty()) open(files, session, recent, parts);
    }

    static void open(List<Path> files, Session session, RecentPaths recent, EPartService parts) {
        files.forEach(recent::add);
        session.open(files);
        files.forEach(f -> InspectorParts.show(parts, f));
    }
}
