// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.parts;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreePath;
import org.eclipse.jface.viewers.TreeSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.ui.OpenedSubject;
import org.vdiskdoctor.ui.Session;
import org.vdiskdoctor.ui.UiIds;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * The Disk Inspector of one image (named by the part's persisted state {@link UiIds#STATE_SUBJECT}): the format
 * driver's structure tree (name, value, offset, length) above the image's findings. Selecting a finding selects the
 * structure node whose byte range holds the finding's evidence.
 */
public final class InspectorPart {

    private Session session;
    private Path image;
    private Label header;
    private StructureTree tree;
    private FindingsTable findings;
    private SubjectResult shown;
    private final Session.Listener listener = s -> update();

    /** Builds the part for the image named by {@code part}'s persisted state. */
    @PostConstruct
    public void create(Composite parent, MPart part, Session s) {
        this.session = s;
        String key = part.getPersistedState().get(UiIds.STATE_SUBJECT);
        this.image = key == null ? null : Path.of(key);
        parent.setLayout(new GridLayout(1, false));
        header = new Label(parent, SWT.WRAP);
        header.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        tree = new StructureTree(sash);
        findings = new FindingsTable(sash, List.of(FindingColumn.SEVERITY, FindingColumn.CODE, FindingColumn.MESSAGE,
                FindingColumn.OFFSET));
        sash.setWeights(65, 35);
        findings.viewer().addSelectionChangedListener(e -> {
            Object first = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (first instanceof FindingRow row) showEvidence(row.finding());
        });
        session.addListener(listener);
        update();
    }

    /** Selects {@code f} in the findings table, and with it its structure node. */
    public void select(Finding f) {
        for (Object o : (List<?>) findings.viewer().getInput()) {
            if (o instanceof FindingRow row && row.finding().equals(f)) {
                findings.viewer().setSelection(new StructuredSelection(row), true);
                return;
            }
        }
    }

    /**
     * Selects the partition-table node of {@code v} in the structure tree (and clears the selection when the tree has
     * none); returns whether it found one.
     */
    public boolean select(Volume v) {
        List<StructureNode> path = shown == null ? List.of() : StructureLocator.locate(shown.structure(), v);
        tree.viewer().setSelection(path.isEmpty() ? StructuredSelection.EMPTY
                : new TreeSelection(new TreePath(path.toArray())), true);
        return !path.isEmpty();
    }

    private void showEvidence(Finding f) {
        if (shown == null) return;
        List<StructureNode> path = StructureLocator.locate(shown.structure(), f, shown.path());
        if (path.isEmpty()) {
            tree.viewer().setSelection(StructuredSelection.EMPTY);
        } else {
            tree.viewer().setSelection(new TreeSelection(new TreePath(path.toArray())), true);
        }
    }

    private void update() {
        if (header.isDisposed() || image == null) {
            if (!header.isDisposed()) header.setText("No subject: open an image with File › Open image…");
            return;
        }
        SubjectResult r = session.result(image).orElse(null);
        if (r == null) {
            boolean running = session.subjects().stream()
                    .anyMatch(o -> o.state() == OpenedSubject.State.RUNNING);
            boolean cancelled = session.subjects().stream().anyMatch(o -> o.state() == OpenedSubject.State.CANCELLED
                    && image.startsWith(o.input()));
            header.setText(image + (running ? " — diagnosing…"
                    : cancelled ? " — diagnosis cancelled before this image was done: no result" : " — not diagnosed"));
            header.getParent().layout(true);
            return;
        }
        if (r == shown) return;
        shown = r;
        header.setText(r.path() + " — " + Labels.summary(r)
                + (r.structure() == null ? "\nNo structure: no format driver opened this file." : ""));
        tree.setRoot(r.structure());
        StructureNode disk = r.structure() == null ? null : r.structure().find(StructureLocator.GUEST_DISK);
        // the partition tables are what one looks for first on a partitioned disk: open them down to the partitions
        if (disk != null) tree.viewer().expandToLevel(new TreePath(new Object[] { r.structure(), disk }), 3);
        findings.setRows(FindingRow.of(List.of(r)));
        header.getParent().layout(true);
    }

    /** The image this inspector shows. */
    public Path image() {
        return image;
    }

    /** The structure tree (tests read its items and selection). */
    public StructureTree tree() {
        return tree;
    }

    /** The subject's findings (tests select rows). */
    public FindingsTable findings() {
        return findings;
    }

    /** The header line: path, format, sizes and verdict. */
    public String headerText() {
        return header.getText();
    }

    /** Focuses the tree. */
    @Focus
    public void focus() {
        tree.viewer().getControl().setFocus();
    }

    /** Stops listening to the session. */
    @PreDestroy
    public void dispose() {
        session.removeListener(listener);
    }
}
