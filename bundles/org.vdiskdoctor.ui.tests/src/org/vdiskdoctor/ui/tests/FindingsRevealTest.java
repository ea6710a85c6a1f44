// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;
import org.vdiskdoctor.core.spi.VolumeProbe;
import org.vdiskdoctor.ui.Session;
import org.vdiskdoctor.ui.parts.FindingsPart;
import org.vdiskdoctor.ui.parts.InspectorPart;

/**
 * Double-click or Enter on a finding in the Findings view opens that subject's Disk Inspector — the open one when
 * there is one, never a second — and selects the structure row that holds the finding's evidence.
 */
class FindingsRevealTest {

    @TempDir
    Path dir;

    private Display display;
    private Shell shell;
    private FakeParts parts;
    private FindingsPart findings;
    private ServiceRegistration<VolumeProbe> probe;
    private Path odd;
    private Path gpt;

    @BeforeEach
    void setUp() throws Exception {
        display = UiFixture.display();
        shell = UiFixture.shell(display, 1200, 700);
        SashForm sash = new SashForm(shell, SWT.VERTICAL);
        Composite top = new Composite(sash, SWT.NONE);
        top.setLayout(new FillLayout());
        Composite bottom = new Composite(sash, SWT.NONE);
        Session session = UiFixture.session(display);
        parts = new FakeParts(top, session);
        findings = new FindingsPart();
        findings.create(bottom, session, parts.service());
        probe = TestProbes.markedVolumes();
        shell.open();
        // faults: 100 bytes past the last whole sector (raw.size.unaligned); a GPT disk whose root partition starts
        // with the test magic (the test probe's test.volume.marked, evidence at root's first bytes)
        odd = UiFixture.unalignedRaw(dir, "odd.img", 100);
        gpt = UiFixture.gptDisk(dir, "gpt.img", true);
        UiFixture.openAndWait(display, session, List.of(odd, gpt));
    }

    @AfterEach
    void tearDown() {
        probe.unregister();
        shell.dispose();
    }

    @Test
    void doubleClickOpensTheSubjectsInspectorOnceAndSelectsTheEvidenceRow() throws Exception {
        Table table = findings.table().viewer().getTable();
        doubleClick(table, row(table, "raw.size.unaligned"));
        assertEquals(1, parts.created);
        InspectorPart inspector = parts.inspectors().get(0);
        assertEquals(odd.toAbsolutePath().normalize(), inspector.image());
        assertEquals(List.of("raw image", "partial sector bytes"), selectedPath(inspector));

        doubleClick(table, row(table, "test.volume.marked"));
        assertEquals(2, parts.created, "another subject: its own inspector");
        InspectorPart second = parts.inspectors().get(1);
        assertEquals(gpt.toAbsolutePath().normalize(), second.image());
        assertEquals(List.of("raw image", "guest disk", "GPT", "partitions", "partition 2"), selectedPath(second));

        doubleClick(table, row(table, "raw.size.unaligned"));
        assertEquals(2, parts.created, "never two inspectors for one subject");
        assertSame(parts.parts.get(0), parts.activated.get(parts.activated.size() - 1), "the open one is activated");
        UiFixture.screenshot(shell, "findings-reveal.png");
    }

    @Test
    void enterDoesWhatDoubleClickDoes() {
        Table table = findings.table().viewer().getTable();
        int marked = row(table, "test.volume.marked");
        table.setSelection(marked);
        Event sel = new Event();
        sel.item = table.getItem(marked);
        table.notifyListeners(SWT.Selection, sel);
        // a real key press through the X server: GTK turns Enter on a table row into DefaultSelection
        shell.forceActive();
        table.setFocus();
        UiFixture.settle(display, 200);
        assertTrue(table.isFocusControl(), "the table has the keyboard focus");
        key(SWT.CR);
        UiFixture.settle(display, 300);
        assertEquals(1, parts.created, "Enter opened the inspector");
        assertEquals(List.of("raw image", "guest disk", "GPT", "partitions", "partition 2"),
                selectedPath(parts.inspectors().get(0)));
    }

    private void key(char c) {
        Event down = new Event();
        down.type = SWT.KeyDown;
        down.character = c;
        down.keyCode = c;
        assertTrue(display.post(down));
        Event up = new Event();
        up.type = SWT.KeyUp;
        up.character = c;
        up.keyCode = c;
        assertTrue(display.post(up));
    }

    private static int row(Table t, String code) {
        for (int i = 0; i < t.getItemCount(); i++) {
            if (t.getItem(i).getText(1).equals(code)) return i;
        }
        throw new AssertionError("no row " + code);
    }

    /** A double-click: the row's selection, then DefaultSelection, which JFace turns into its double-click event. */
    private static void doubleClick(Table t, int index) {
        t.setSelection(index);
        Event e = new Event();
        e.item = t.getItem(index);
        t.notifyListeners(SWT.Selection, e);
        Event d = new Event();
        d.item = t.getItem(index);
        t.notifyListeners(SWT.DefaultSelection, d);
    }

    private static List<String> selectedPath(InspectorPart inspector) {
        Tree t = inspector.tree().viewer().getTree();
        assertEquals(1, t.getSelectionCount(), "one structure row selected");
        List<String> path = new ArrayList<>();
        for (TreeItem i = t.getSelection()[0]; i != null; i = i.getParentItem()) path.add(0, i.getText(0));
        return path;
    }
}
