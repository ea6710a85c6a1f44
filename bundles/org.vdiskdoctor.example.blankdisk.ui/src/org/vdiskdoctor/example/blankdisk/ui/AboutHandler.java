// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.example.blankdisk.ui;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;

/** Help › About blank-disk example: says what the example probe adds. A POJO handler, as every e4 handler. */
public final class AboutHandler {

    /** The dialog's title. */
    public static final String TITLE = "About blank-disk example";

    /** What the dialog says. */
    public static final String MESSAGE = "The blank-disk example (org.vdiskdoctor.example.blankdisk) adds one "
            + "probe: example.guest.blank, an info finding when the first MiB of the guest disk is zeros.\n\n"
            + "This menu item comes from org.vdiskdoctor.example.blankdisk.ui, through a model fragment "
            + "(fragment.e4xmi) whose parent is the workbench's main menu.";

    @Execute
    public void execute(@Named("activeShell") Shell shell) {
        MessageDialog.openInformation(shell, TITLE, MESSAGE);
    }
}
