// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.vdiskdoctor.ui.PathChooser;

/** The native file and folder dialogs. */
final class SwtPathChooser implements PathChooser {

    @Override
    public List<Path> chooseImages(Shell parent) {
        FileDialog dialog = new FileDialog(parent, SWT.OPEN | SWT.MULTI);
        dialog.setText("Open disk image (read-only)");
        dialog.setFilterNames(new String[] { "Disk images", "All files" });
        dialog.setFilterExtensions(new String[] {
                "*.qcow2;*.qcow;*.img;*.raw;*.vmdk;*.vhd;*.vhdx;*.avhdx;*.vdi;*.qed;*.hdd", "*" });
        if (dialog.open() == null) return List.of();
        Path dir = Path.of(dialog.getFilterPath());
        return Arrays.stream(dialog.getFileNames()).map(dir::resolve).toList();
    }

    @Override
    public Optional<Path> chooseFolder(Shell parent) {
        DirectoryDialog dialog = new DirectoryDialog(parent);
        dialog.setText("Open VM folder (read-only)");
        return Optional.ofNullable(dialog.open()).map(Path::of);
    }
}
