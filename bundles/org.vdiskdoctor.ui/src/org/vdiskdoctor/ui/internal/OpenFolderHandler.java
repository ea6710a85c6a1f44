// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.internal;

import java.util.List;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.swt.widgets.Shell;
import org.vdiskdoctor.ui.PathChooser;
import org.vdiskdoctor.ui.RecentPaths;
import org.vdiskdoctor.ui.Session;

import jakarta.inject.Named;

/** File › Open folder…: diagnoses every disk image in a VM folder; the navigator lists them. */
public final class OpenFolderHandler {

    @Execute
    void execute(@Named("activeShell") Shell shell, PathChooser chooser, Session session, RecentPaths recent) {
        chooser.chooseFolder(shell).ifPresent(folder -> {
            recent.add(folder);
            session.open(List.of(folder));
        });
    }
}
