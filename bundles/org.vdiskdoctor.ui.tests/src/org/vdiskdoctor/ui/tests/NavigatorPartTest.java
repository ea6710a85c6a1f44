// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.ui.OpenedSubject;
import org.vdiskdoctor.ui.Session;
import org.vdiskdoctor.ui.parts.NavigatorPart;

/** The navigator: a folder with its images, a single image, a missing file; severity shown by a coloured disc. */
class NavigatorPartTest {

    @TempDir
    Path dir;

    private Display display;
    private Shell shell;
    private Session session;
    private NavigatorPart part;

    @BeforeEach
    void setUp() {
        display = UiFixture.display();
        shell = UiFixture.shell(display, 420, 300);
        session = UiFixture.session(display);
        part = new NavigatorPart();
        part.create(shell, session, null);
        shell.open();
    }

    @AfterEach
    void tearDown() {
        shell.dispose();
    }

    @Test
    void listsSubjectsFolderImagesAndTheirVerdicts() throws Exception {
        Path vm = Files.createDirectory(dir.resolve("vm01"));
        UiFixture.qemuRaw(vm, "disk0.img", "2M");
        UiFixture.unalignedRaw(vm, "disk1.img", 7);
        Files.createFile(vm.resolve("disk2.img"));
        Files.writeString(vm.resolve("notes.txt"), "not a disk");
        Path single = UiFixture.qemuRaw(dir, "single.img", "1M");
        Path gone = dir.resolve("gone.img");

        org.eclipse.core.runtime.jobs.Job job = session.open(List.of(vm, single, gone));
        Tree tree = part.viewer().getTree();
        assertEquals(3, tree.getItemCount(), "subjects appear at once, before their results");
        assertTrue(tree.getItem(0).getText().endsWith("(diagnosing…)") || session.subjects().stream()
                .noneMatch(s -> s.state() == OpenedSubject.State.RUNNING), tree.getItem(0).getText());

        UiFixture.waitFor(display, session, job);
        List<String> top = texts(tree.getItems());
        assertEquals("vm01/ — 3 images", top.get(0));
        assertEquals("single.img — raw, 1.0 MiB — INFO", top.get(1), "info: the example probe's blank-disk finding");
        assertEquals("gone.img — other — ERROR", top.get(2));

        TreeItem folder = tree.getItem(0);
        assertTrue(folder.getExpanded(), "folders open to show their images");
        List<String> images = texts(folder.getItems());
        assertEquals(3, images.size(), images.toString());
        assertEquals("disk0.img — raw, 2.0 MiB — INFO", images.get(0));
        assertEquals("disk1.img — raw, 1.0 MiB — WARNING", images.get(1));
        assertEquals("disk2.img — image — ERROR", images.get(2));

        Image error = folder.getImage();
        assertNotNull(error, "severity disc");
        assertEquals(error, tree.getItem(2).getImage(), "the folder is as bad as its worst image: error");
        assertEquals(error, folder.getItem(2).getImage());
        assertNotSame(error, folder.getItem(1).getImage(), "a warning has its own colour");
        UiFixture.screenshot(shell, "navigator.png");
    }

    @Test
    void reopeningWhileADiagnosisRunsKeepsOnlyTheNewResults() throws Exception {
        Path vm = Files.createDirectory(dir.resolve("vm02"));
        UiFixture.qemuRaw(vm, "a.img", "1M");
        UiFixture.qemuRaw(vm, "b.img", "1M");
        session.open(List.of(vm)); // superseded at once: its results must be dropped
        UiFixture.openAndWait(display, session, List.of(vm));
        UiFixture.settle(display, 300); // let the first job's late results arrive, if any
        assertEquals(2, session.subject(vm).orElseThrow().results().size());
        assertEquals("vm02/ — 2 images", part.viewer().getTree().getItem(0).getText());
    }

    private static List<String> texts(TreeItem[] items) {
        List<String> out = new ArrayList<>();
        for (TreeItem i : items) out.add(i.getText());
        return out;
    }
}
