// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.parts;

import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IElementComparer;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Tree;
import org.vdiskdoctor.core.StructureNode;

/** A tree table of a format driver's {@link StructureNode}s: name, value, offset (hex and decimal), length. */
public final class StructureTree {

    private final TreeViewer viewer;

    /** Makes the tree table under {@code parent}. */
    public StructureTree(Composite parent) {
        viewer = new TreeViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        Tree tree = viewer.getTree();
        tree.setHeaderVisible(true);
        tree.setLinesVisible(true);
        // records compare by value: two equal fields in different places must stay two tree items
        viewer.setComparer(new IElementComparer() {
            @Override
            public boolean equals(Object a, Object b) {
                return a == b;
            }

            @Override
            public int hashCode(Object e) {
                return System.identityHashCode(e);
            }
        });
        viewer.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return input instanceof List<?> l ? l.toArray() : new Object[0];
            }

            @Override
            public Object[] getChildren(Object e) {
                return ((StructureNode) e).children().toArray();
            }

            @Override
            public Object getParent(Object e) {
                return null;
            }

            @Override
            public boolean hasChildren(Object e) {
                return !((StructureNode) e).children().isEmpty();
            }
        });
        column("Name", 260, StructureNode::name);
        column("Value", 300, StructureNode::value);
        column("Offset", 160, n -> Labels.offset(n.offset()));
        column("Length", 80, n -> n.offset() < 0 ? "" : Long.toString(n.length()));
    }

    private void column(String title, int width, Function<StructureNode, String> text) {
        TreeViewerColumn c = new TreeViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return text.apply((StructureNode) e);
            }
        });
    }

    /** Shows {@code root} (or nothing for {@code null}) with its first two levels expanded. */
    public void setRoot(StructureNode root) {
        // the root is wrapped: an input that is also an element of the tree confuses the viewer's item map
        viewer.setInput(root == null ? List.of() : List.of(root));
        viewer.expandToLevel(2);
    }

    /** The JFace viewer. */
    public TreeViewer viewer() {
        return viewer;
    }
}
