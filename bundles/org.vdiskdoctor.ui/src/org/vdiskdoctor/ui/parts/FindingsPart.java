// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.parts;

import java.util.List;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.ui.Session;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * The findings of every opened subject in one table: severity, code, message, file, offset; sortable by any column,
 * filtered by minimum severity and code text. Double-click shows the finding in its subject's Disk Inspector.
 */
public final class FindingsPart {

    private Session session;
    private EPartService partService;
    private FindingsTable table;
    private Combo minimum;
    private Text code;
    private Label count;
    private final Session.Listener listener = s -> refresh();

    /** Builds the part; {@code partService} may be absent (tests), then double-click does nothing. */
    @PostConstruct
    public void create(Composite parent, Session s, @Optional EPartService parts) {
        this.session = s;
        this.partService = parts;
        parent.setLayout(new GridLayout(5, false));
        new Label(parent, SWT.NONE).setText("Minimum severity:");
        minimum = new Combo(parent, SWT.READ_ONLY);
        for (Severity sev : Severity.values()) minimum.add(sev.label());
        minimum.select(0);
        new Label(parent, SWT.NONE).setText("Code contains:");
        code = new Text(parent, SWT.BORDER | SWT.SEARCH | SWT.ICON_CANCEL);
        code.setMessage("e.g. chain, qcow2.header");
        code.setLayoutData(new GridData(220, SWT.DEFAULT));
        count = new Label(parent, SWT.NONE);
        count.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        table = new FindingsTable(parent, List.of(FindingColumn.values()));
        table.viewer().getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 5, 1));
        minimum.addListener(SWT.Selection, e -> applyFilter());
        code.addListener(SWT.Modify, e -> applyFilter());
        table.viewer().addDoubleClickListener(e -> reveal(((IStructuredSelection) e.getSelection()).getFirstElement()));
        session.addListener(listener);
        refresh();
    }

    /** Sets the filter controls as a user would, and applies them. */
    public void setFilter(Severity min, String codeText) {
        minimum.select(min.ordinal());
        code.setText(codeText);
        applyFilter();
    }

    private void applyFilter() {
        table.filter().setMinimum(Severity.values()[Math.max(0, minimum.getSelectionIndex())]);
        table.filter().setCodeText(code.getText());
        table.refresh();
        updateCount();
    }

    private void refresh() {
        if (table.viewer().getControl().isDisposed()) return;
        table.setRows(FindingRow.of(session.results()));
        updateCount();
    }

    private void updateCount() {
        int shown = table.viewer().getTable().getItemCount();
        int all = session.results().stream().mapToInt(r -> r.findings().size()).sum();
        count.setText(shown == all ? all + " findings" : shown + " of " + all + " findings");
        count.getParent().layout(new org.eclipse.swt.widgets.Control[] { count });
    }

    private void reveal(Object e) {
        if (partService == null || !(e instanceof FindingRow row)) return;
        org.eclipse.e4.ui.model.application.ui.basic.MPart part = InspectorParts.show(partService, row.subject().path());
        if (part != null && part.getObject() instanceof InspectorPart inspector) inspector.select(row.finding());
    }

    /** The table (tests read its rows and click its columns). */
    public FindingsTable table() {
        return table;
    }

    /** Focuses the table. */
    @Focus
    public void focus() {
        table.viewer().getControl().setFocus();
    }

    /** Stops listening to the session. */
    @PreDestroy
    public void dispose() {
        session.removeListener(listener);
    }
}
