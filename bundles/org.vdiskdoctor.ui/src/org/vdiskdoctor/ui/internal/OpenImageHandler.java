// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.internal;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.vdiskdoctor.ui.RecentPaths;
import org.vdiskdoctor.ui.Session;
import org.vdiskdoctor.ui.parts.InspectorParts;

import jakarta.inject.Named;

/** File › Open image…: asks for one or more image files, diagnoses them and shows each in a Disk Inspector. */
public final class OpenImageHandler {

    @Execute
    void execute(@Named("activeShell") Shell shell, Session session, RecentPaths recent, EPartService parts) {
        FileDialog dialog = new FileDialog(shell, SWT.OPEN | SWT.MULTI);
        dialog.setText("Open disk image (read-only)");
        dialog.setFilterNames(new String[] { "Disk images", "All files" });
        dialog.setFilterExtensions(new String[] {
                "*.qcow2;*.qcow;*.img;*.raw;*.vmdk;*.vhd;*.vhdx;*.avhdx;*.vdi;*.qed;*.hdd", "*" });
        if (dialog.open() == null) return;
        Path dir = Path.of(dialog.getFilterPath());
        List<Path> files = java.util.Arrays.stream(dialog.getFileNames()).map(dir::resolve).toList();
        open(files, session, recent, parts);
    }

    static void open(List<Path> files, Session session, RecentPaths recent, EPartService parts) {
        files.forEach(recent::add);
        session.open(files);
        files.forEach(f -> InspectorParts.show(parts, f));
    }
}
