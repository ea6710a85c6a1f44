// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.parts;

import java.util.Comparator;
import java.util.List;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;

/**
 * A JFace table of {@link FindingRow}s: one column per {@link FindingColumn}, sorted by clicking a column header
 * (again to reverse), filtered by a {@link FindingFilter}. Starts sorted by severity, worst first.
 */
public final class FindingsTable {

    private final TableViewer viewer;
    private final List<FindingColumn> columns;
    private final FindingFilter filter = new FindingFilter();
    private FindingColumn sortColumn = FindingColumn.SEVERITY;
    private boolean descending = true;

    /** Makes the table under {@code parent} with {@code columns}, in that order. */
    public FindingsTable(Composite parent, List<FindingColumn> columns) {
        this.columns = List.copyOf(columns);
        viewer = new TableViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        SeverityImages images = new SeverityImages(table);
        for (FindingColumn c : this.columns) {
            TableViewerColumn vc = new TableViewerColumn(viewer, SWT.LEFT);
            vc.getColumn().setText(c.title());
            vc.getColumn().setWidth(c.width());
            vc.getColumn().setMoveable(true);
            vc.getColumn().setData(c);
            vc.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object e) {
                    return c.text((FindingRow) e);
                }

                @Override
                public Image getImage(Object e) {
                    return c == FindingColumn.SEVERITY ? images.of(((FindingRow) e).finding().severity()) : null;
                }

                @Override
                public String getToolTipText(Object e) {
                    return c == FindingColumn.FILE ? ((FindingRow) e).file().toString() : null;
                }
            });
            vc.getColumn().addListener(SWT.Selection, e -> sortBy(c));
        }
        viewer.setComparator(new ViewerComparator() {
            @Override
            public int compare(Viewer v, Object a, Object b) {
                Comparator<FindingRow> o = sortColumn.order();
                return descending ? o.compare((FindingRow) b, (FindingRow) a) : o.compare((FindingRow) a, (FindingRow) b);
            }
        });
        viewer.addFilter(filter);
        showSort();
    }

    /** Sorts by {@code c}; the same column again reverses the order. */
    public void sortBy(FindingColumn c) {
        descending = c == sortColumn ? !descending : c == FindingColumn.SEVERITY;
        sortColumn = c;
        showSort();
        viewer.refresh();
    }

    private void showSort() {
        Table t = viewer.getTable();
        for (TableColumn tc : t.getColumns()) {
            if (tc.getData() == sortColumn) {
                t.setSortColumn(tc);
                t.setSortDirection(descending ? SWT.DOWN : SWT.UP);
            }
        }
    }

    /** Replaces the rows, keeping sort and filter. */
    public void setRows(List<FindingRow> rows) {
        viewer.setInput(rows);
    }

    /** The filter; call {@link #refresh()} after changing it. */
    public FindingFilter filter() {
        return filter;
    }

    /** Re-applies filter and sort. */
    public void refresh() {
        viewer.refresh();
    }

    /** The JFace viewer. */
    public TableViewer viewer() {
        return viewer;
    }

    /** The column objects in creation order (tests click their headers). */
    public List<FindingColumn> columns() {
        return columns;
    }
}
