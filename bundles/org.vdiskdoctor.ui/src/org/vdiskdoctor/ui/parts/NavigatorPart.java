// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.parts;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.viewers.IElementComparer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.vdiskdoctor.core.ChainLink;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.ui.OpenedSubject;
import org.vdiskdoctor.ui.Session;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * The opened subjects: an image with its backing chain and its volumes (partitions) below it, a folder with its disk
 * images (each with its chain and volumes). A coloured disc shows the worst severity of each. Double-click opens the
 * Disk Inspector; selecting a volume selects its partition-table node there.
 */
public final class NavigatorPart {

    private Session session;
    private EPartService partService;
    private TreeViewer viewer;
    private final NavigatorContent content = new NavigatorContent();
    private final Session.Listener listener = s -> refresh();

    /** Builds the tree; {@code partService} may be absent (tests), then double-click does nothing. */
    @PostConstruct
    public void create(Composite parent, Session s, @Optional EPartService parts) {
        this.session = s;
        this.partService = parts;
        parent.setLayout(new FillLayout());
        viewer = new TreeViewer(parent, SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.setComparer(IDENTITY);
        viewer.setContentProvider(content);
        SeverityImages images = new SeverityImages(viewer.getControl());
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object e) {
                return NavigatorPart.text(e);
            }

            @Override
            public Image getImage(Object e) {
                if (e instanceof OpenedSubject o) {
                    return o.state() == OpenedSubject.State.RUNNING || o.results().isEmpty() && !o.isFolder()
                            ? images.unknown() : images.of(o.worst());
                }
                if (e instanceof SubjectResult r) return images.of(r.worst());
                SubjectResult owner = content.owner(e);
                if (e instanceof Volume v && owner != null) return images.of(VolumeFindings.worst(owner, v));
                if (e instanceof ChainLink l && owner != null) return images.of(worst(owner, l));
                return null;
            }
        });
        viewer.addDoubleClickListener(e -> open(((IStructuredSelection) e.getSelection()).getFirstElement()));
        viewer.addSelectionChangedListener(e -> {
            Object first = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (first instanceof Volume v) showVolume(v, false);
        });
        viewer.setInput(session);
        session.addListener(listener);
    }

    /** The tree viewer (tests read its items). */
    public TreeViewer viewer() {
        return viewer;
    }

    /** Focuses the tree. */
    @Focus
    public void focus() {
        viewer.getControl().setFocus();
    }

    /** Stops listening to the session. */
    @PreDestroy
    public void dispose() {
        session.removeListener(listener);
    }

    private void refresh() {
        if (viewer.getControl().isDisposed()) return;
        viewer.refresh();
        viewer.expandToLevel(2);
    }

    /**
     * Selects {@code v}'s partition-table node in its image's inspector: the open one, or (when {@code create}) a
     * new one.
     */
    private void showVolume(Volume v, boolean create) {
        SubjectResult owner = content.owner(v);
        if (partService == null || owner == null) return;
        MPart part = create ? InspectorParts.show(partService, owner.path())
                : InspectorParts.find(partService.getParts(), InspectorParts.key(owner.path())).orElse(null);
        if (part != null && part.getObject() instanceof InspectorPart inspector) inspector.select(v);
    }

    /** The worst finding whose evidence lies in the file of backing link {@code l}. */
    private static org.vdiskdoctor.core.Severity worst(SubjectResult r, ChainLink l) {
        if (l.path() == null) return null;
        Path file = l.path().toAbsolutePath().normalize();
        org.vdiskdoctor.core.Severity w = null;
        for (Finding f : r.findings()) {
            if (f.evidence().stream().anyMatch(ev -> ev.file().toAbsolutePath().normalize().equals(file))) {
                w = org.vdiskdoctor.core.Severity.worst(w, f.severity());
            }
        }
        return w;
    }

    private void open(Object e) {
        if (partService == null) return;
        if (e instanceof Volume v) {
            showVolume(v, true);
            return;
        }
        Path image = null;
        if (e instanceof OpenedSubject o && !o.isFolder()) image = o.input();
        if (e instanceof SubjectResult r) image = r.path();
        if (e instanceof ChainLink l && l.path() != null) {
            image = l.path();
            if (session.result(image).isEmpty()) session.open(List.of(image));
        }
        if (image != null) InspectorParts.show(partService, image);
    }

    static String text(Object e) {
        if (e instanceof OpenedSubject o) {
            String name = String.valueOf(o.input().getFileName() == null ? o.input() : o.input().getFileName());
            if (o.isFolder()) {
                long images = o.results().stream().filter(r -> r.kind() != org.vdiskdoctor.core.SubjectKind.VM_FOLDER)
                        .count();
                return name + "/ — " + images + " image" + (images == 1 ? "" : "s") + stateSuffix(o);
            }
            List<SubjectResult> rs = o.results();
            return rs.isEmpty() ? name + stateSuffix(o) : name + " — " + Labels.shortSummary(rs.get(0)) + stateSuffix(o);
        }
        if (e instanceof SubjectResult r) {
            if (r.kind() == org.vdiskdoctor.core.SubjectKind.VM_FOLDER) return "(the folder itself) — " + Labels.verdict(r);
            return r.path().getFileName() + " — " + Labels.shortSummary(r);
        }
        if (e instanceof ChainLink l) return "backing: " + Labels.link(l);
        if (e instanceof Volume v) return Labels.volume(v);
        return String.valueOf(e);
    }

    private static String stateSuffix(OpenedSubject o) {
        return switch (o.state()) {
            case RUNNING -> " (diagnosing…)";
            // say plainly what is missing: the image got no result, or the folder only some of its images
            case CANCELLED -> o.isFolder() ? " (cancelled: results incomplete)" : " (cancelled: not diagnosed)";
            case FAILED -> " (failed: " + o.problem() + ")";
            case DONE -> "";
        };
    }

    private static final IElementComparer IDENTITY = new IElementComparer() {
        @Override
        public boolean equals(Object a, Object b) {
            return a == b;
        }

        @Override
        public int hashCode(Object e) {
            return System.identityHashCode(e);
        }
    };
}
