// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.internal;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.ui.di.AboutToShow;
import org.eclipse.e4.ui.model.application.ui.menu.MDirectMenuItem;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuElement;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.vdiskdoctor.ui.RecentPaths;

/** File › Open recent: one item per recently opened image or folder, newest first. */
public final class RecentMenu {

    /** Transient-data key of a recent item: the path it opens. */
    static final String PATH = "org.vdiskdoctor.ui.recent.path";

    @AboutToShow
    void aboutToShow(List<MMenuElement> items, RecentPaths recent, EModelService models) {
        List<Path> paths = recent.list();
        if (paths.isEmpty()) {
            MDirectMenuItem none = models.createModelElement(MDirectMenuItem.class);
            none.setLabel("(nothing opened yet)");
            none.setEnabled(false);
            none.setContributionURI("bundleclass://org.vdiskdoctor.ui/" + OpenRecentHandler.class.getName());
            items.add(none);
            return;
        }
        int n = 1;
        for (Path p : paths) {
            MDirectMenuItem item = models.createModelElement(MDirectMenuItem.class);
            item.setLabel((n <= 9 ? "&" + n + " " : "") + p.toString().replace("&", "&&"));
            item.setTooltip(p.toString());
            item.setContributionURI("bundleclass://org.vdiskdoctor.ui/" + OpenRecentHandler.class.getName());
            item.getTransientData().put(PATH, p.toString());
            items.add(item);
            n++;
        }
    }
}
