// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.menu.MItem;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.vdiskdoctor.ui.RecentPaths;
import org.vdiskdoctor.ui.Session;

/** Opens the path a File › Open recent item stands for: a folder as a folder, anything else as an image. */
public final class OpenRecentHandler {

    @CanExecute
    boolean canExecute(MItem item) {
        return item.getTransientData().get(RecentMenu.PATH) instanceof String;
    }

    @Execute
    void execute(MItem item, Session session, RecentPaths recent, EPartService parts) {
        Path p = Path.of((String) item.getTransientData().get(RecentMenu.PATH));
        if (Files.isDirectory(p)) {
            recent.add(p);
            session.open(List.of(p));
        } else {
            OpenImageHandler.open(List.of(p), session, recent, parts);
        }
    }
}
