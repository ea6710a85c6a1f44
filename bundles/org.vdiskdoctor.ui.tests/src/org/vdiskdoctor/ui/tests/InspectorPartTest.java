// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
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
import org.vdiskdoctor.ui.Session;
import org.vdiskdoctor.ui.UiIds;
import org.vdiskdoctor.ui.parts.InspectorPart;

/**
 * The Disk Inspector over real diagnoses: the raw driver's structure tree with byte offsets, the subject's findings,
 * and the jump from a finding to the structure node that holds its evidence (clicked as a user would).
 */
class InspectorPartTest {

    @TempDir
    Path dir;

    private Display display;
    private Shell shell;
    private Session session;

    @BeforeEach
    void setUp() {
        display = UiFixture.display();
        shell = UiFixture.shell(display, 1000, 560);
        session = UiFixture.session(display);
    }

    @AfterEach
    void tearDown() {
        shell.dispose();
    }

    private InspectorPart inspector(Path image) {
        MPart part = MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(UiIds.STATE_SUBJECT, image.toAbsolutePath().normalize().toString());
        InspectorPart p = new InspectorPart();
        p.create(shell, part, session);
        shell.open();
        return p;
    }

    @Test
    void showsTheStructureTreeWithOffsetsAndJumpsFromAFindingToItsNode() throws Exception {
        // fault: 100 bytes after the last whole sector -> raw.size.unaligned, evidence = the partial sector
        Path odd = UiFixture.unalignedRaw(dir, "odd.img", 100);
        InspectorPart p = inspector(odd);
        assertTrue(p.headerText().contains("diagnosing") || p.headerText().contains("not diagnosed"), p.headerText());
        UiFixture.openAndWait(display, session, List.of(odd));
        assertTrue(p.headerText().contains("raw, 1.0 MiB virtual") && p.headerText().endsWith("WARNING"),
                p.headerText());

        Tree tree = p.tree().viewer().getTree();
        assertEquals(List.of("Name", "Value", "Offset", "Length"), headers(tree));
        assertEquals(1, tree.getItemCount());
        TreeItem root = tree.getItem(0);
        assertEquals("raw image", root.getText(0));
        assertEquals("1048676 bytes", root.getText(1));
        assertEquals(List.of("size", "sectors", "partial sector bytes", "boot signature"), names(root));
        TreeItem partial = root.getItem(2);
        assertEquals("0x100000 (1048576)", partial.getText(2));
        assertEquals("100", partial.getText(3));
        assertEquals("absent (00 00)", root.getItem(3).getText(1));

        Table findings = p.findings().viewer().getTable();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < findings.getItemCount(); i++) codes.add(findings.getItem(i).getText(1));
        assertTrue(codes.contains("raw.size.unaligned"), codes.toString());
        assertEquals(0, tree.getSelectionCount());

        click(findings, codes.indexOf("raw.size.unaligned"));
        assertEquals(1, tree.getSelectionCount());
        assertEquals("partial sector bytes", tree.getSelection()[0].getText(0));

        // the example probe's finding names no byte range: selecting it selects no node
        click(findings, codes.indexOf("example.guest.blank"));
        assertEquals(0, tree.getSelectionCount());
        click(findings, codes.indexOf("raw.size.unaligned"));
        UiFixture.screenshot(shell, "inspector.png");
    }

    @Test
    void aFileNoDriverOpenedHasNoTreeButItsFindings() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.img"));
        InspectorPart p = inspector(empty);
        UiFixture.openAndWait(display, session, List.of(empty));
        assertEquals(0, p.tree().viewer().getTree().getItemCount());
        assertTrue(p.headerText().contains("No structure"), p.headerText());
        Table findings = p.findings().viewer().getTable();
        assertEquals(1, findings.getItemCount());
        assertEquals("core.file.empty", findings.getItem(0).getText(1));
        click(findings, 0); // whole-file evidence: nothing to select, and no failure
        assertEquals(0, p.tree().viewer().getTree().getSelectionCount());
    }

    @Test
    void aMissingFileShowsItsFinding() {
        Path gone = dir.resolve("gone.img");
        InspectorPart p = inspector(gone);
        UiFixture.openAndWait(display, session, List.of(gone));
        assertTrue(p.headerText().endsWith("ERROR\nNo structure: no format driver opened this file."), p.headerText());
        assertEquals("core.file.missing", p.findings().viewer().getTable().getItem(0).getText(1));
    }

    /** Selects row {@code index} the way a mouse click does: the widget's selection, then its Selection event. */
    static void click(Table t, int index) {
        assertTrue(index >= 0 && index < t.getItemCount(), "row " + index);
        t.setSelection(index);
        Event e = new Event();
        e.item = t.getItem(index);
        t.notifyListeners(SWT.Selection, e);
    }

    private static List<String> headers(Tree t) {
        List<String> out = new ArrayList<>();
        for (var c : t.getColumns()) out.add(c.getText());
        return out;
    }

    private static List<String> names(TreeItem item) {
        List<String> out = new ArrayList<>();
        for (TreeItem c : item.getItems()) out.add(c.getText(0));
        return out;
    }
}
