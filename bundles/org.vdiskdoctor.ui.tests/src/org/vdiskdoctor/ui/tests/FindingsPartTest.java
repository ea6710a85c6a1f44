// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.ui.Session;
import org.vdiskdoctor.ui.parts.FindingsPart;

/**
 * The Findings view over real diagnoses: a blank raw image from qemu-img (example.guest.blank, info), a raw image
 * 100 bytes past whole sectors (raw.size.unaligned, warning), an empty file (core.file.empty, error) and a missing
 * file (core.file.missing, error). Sorting by column clicks and both filters are driven through the widgets.
 */
class FindingsPartTest {

    @TempDir
    Path dir;

    private Display display;
    private Shell shell;
    private FindingsPart part;
    private Table table;

    @BeforeEach
    void setUp() throws Exception {
        display = UiFixture.display();
        shell = UiFixture.shell(display, 1100, 420);
        Session session = UiFixture.session(display);
        part = new FindingsPart();
        part.create(shell, session, null);
        shell.open();
        Path blank = UiFixture.qemuRaw(dir, "blank.img", "1M");
        Path odd = UiFixture.unalignedRaw(dir, "odd.img", 100);
        Path empty = java.nio.file.Files.createFile(dir.resolve("empty.img"));
        UiFixture.openAndWait(display, session, List.of(blank, odd, empty, dir.resolve("gone.img")));
        table = part.table().viewer().getTable();
    }

    @AfterEach
    void tearDown() {
        shell.dispose();
    }

    @Test
    void showsEveryFindingOfEverySubjectWorstFirst() throws Exception {
        List<String> codes = column(1);
        assertEquals(5, table.getItemCount(), "rows: " + codes);
        assertTrue(codes.containsAll(List.of("core.file.missing", "core.file.empty", "raw.size.unaligned",
                "example.guest.blank")), codes.toString());
        assertEquals(List.of("error", "error", "warning", "info", "info"), column(0), "initial order: severity, worst first");
        int unaligned = codes.indexOf("raw.size.unaligned");
        assertEquals("odd.img", table.getItem(unaligned).getText(3));
        assertEquals("0x100000 (1048576)", table.getItem(unaligned).getText(4));
        assertTrue(table.getItem(unaligned).getText(2).contains("100 bytes after the last whole sector"),
                table.getItem(unaligned).getText(2));
        assertTrue(table.getItem(0).getImage() != null, "severity column has a coloured disc");
        UiFixture.screenshot(shell, "findings.png");
    }

    @Test
    void clickingAColumnSortsByItAndAgainReverses() {
        click(4); // offset, ascending: findings without an offset first
        List<Long> offsets = offsets();
        for (int i = 1; i < offsets.size(); i++) assertTrue(offsets.get(i - 1) <= offsets.get(i), "ascending " + offsets);
        assertEquals(1048576L, offsets.get(offsets.size() - 1));
        assertEquals(SWT.UP, table.getSortDirection());
        click(4);
        assertEquals(1048576L, offsets().get(0), "reversed");
        assertEquals(SWT.DOWN, table.getSortDirection());
        click(1); // code, ascending
        List<String> codes = column(1);
        List<String> sorted = new ArrayList<>(codes);
        sorted.sort(null);
        assertEquals(sorted, codes);
        assertEquals(table.getColumn(1), table.getSortColumn());
        click(0); // severity again: worst first
        assertEquals("error", column(0).get(0));
    }

    @Test
    void filtersByMinimumSeverityAndCodeText() {
        part.setFilter(Severity.WARNING, "");
        assertEquals(List.of("error", "error", "warning"), column(0));
        part.setFilter(Severity.ERROR, "");
        assertEquals(2, table.getItemCount());
        part.setFilter(Severity.INFO, "RAW.size");
        assertEquals(List.of("raw.size.unaligned"), column(1), "code filter ignores case");
        part.setFilter(Severity.INFO, "core.file");
        assertEquals(List.of("core.file.empty", "core.file.missing"), column(1).stream().sorted().toList());
        part.setFilter(Severity.ERROR, "raw");
        assertEquals(0, table.getItemCount(), "both filters apply");
        part.setFilter(Severity.INFO, "");
        assertEquals(5, table.getItemCount());
    }

    private void click(int column) {
        TableColumn c = table.getColumn(column);
        c.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
    }

    private List<String> column(int index) {
        List<String> out = new ArrayList<>();
        for (TableItem it : table.getItems()) out.add(it.getText(index));
        return out;
    }

    private List<Long> offsets() {
        List<Long> out = new ArrayList<>();
        for (String s : column(4)) out.add(s.isEmpty() ? -1 : Long.parseLong(s.substring(s.indexOf('(') + 1, s.indexOf(')'))));
        return out;
    }
}
