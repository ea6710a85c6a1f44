// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.vdiskdoctor.ui.Session;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/** The bottom trim: what the running diagnosis does, a busy bar and a Cancel button; "Ready" when idle. */
public final class StatusLine {

    private Session session;
    private Session.ProgressListener listener;

    @PostConstruct
    void create(Composite parent, Session s) {
        this.session = s;
        Composite c = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(3, false);
        layout.marginHeight = 1;
        c.setLayout(layout);
        Label text = new Label(c, SWT.NONE);
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, false, false);
        gd.widthHint = 600;
        text.setLayoutData(gd);
        ProgressBar bar = new ProgressBar(c, SWT.INDETERMINATE);
        GridData barData = new GridData(120, SWT.DEFAULT);
        bar.setLayoutData(barData);
        Button cancel = new Button(c, SWT.PUSH);
        cancel.setText("Cancel");
        GridData cancelData = new GridData();
        cancel.setLayoutData(cancelData);
        cancel.addListener(SWT.Selection, e -> session.cancel());
        listener = task -> {
            if (text.isDisposed()) return;
            boolean busy = task != null || session.isBusy();
            text.setText(task != null ? task : busy ? "Diagnosing…" : "Ready — images are opened read-only");
            // idle: only the text; busy: the bar and Cancel appear next to it
            bar.setVisible(busy);
            barData.exclude = !busy;
            cancel.setVisible(busy);
            cancelData.exclude = !busy;
            c.layout(true);
        };
        listener.progress(null);
        session.addProgressListener(listener);
    }

    @PreDestroy
    void dispose() {
        if (session != null) session.removeProgressListener(listener);
    }
}
