// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.internal;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Shell;
import org.vdiskdoctor.ui.RecentPaths;
import org.vdiskdoctor.ui.Session;

import jakarta.inject.Named;

/** File › Open folder…: diagnoses every disk image in a VM folder; the navigator lists them. */
public final class OpenFolderHandler {

    @Execute
    void execute(@Named("activeShell") Shell shell, Session session, RecentPaths recent) {
        DirectoryDialog dialog = new DirectoryDialog(shell);
        dialog.setText("Open VM folder (read-only)");
        String dir = dialog.open();
        if (dir == null) return;
        Path folder = Path.of(dir);
        recent.add(folder);
        session.open(List.of(folder));
    }
}
