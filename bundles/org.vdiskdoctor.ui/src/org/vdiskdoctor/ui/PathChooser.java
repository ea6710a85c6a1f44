// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.swt.widgets.Shell;

/**
 * Asks the user which images or folder to open. The workbench puts an SWT implementation into the application
 * context; tests put a fake there, so the File › Open handlers run without a native dialog.
 */
public interface PathChooser {

    /** The image files the user picked (absolute), empty when they cancelled. */
    List<Path> chooseImages(Shell parent);

    /** The folder the user picked (absolute), empty when they cancelled. */
    Optional<Path> chooseFolder(Shell parent);
}
