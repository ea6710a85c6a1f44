// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.internal;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.vdiskdoctor.ui.Session;

/** Cancel: stops the running diagnosis; the results so far stay. */
public final class CancelHandler {

    @CanExecute
    boolean canExecute(Session session) {
        return session.isBusy();
    }

    @Execute
    void execute(Session session) {
        session.cancel();
    }
}
