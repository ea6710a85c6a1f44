// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;
import org.vdiskdoctor.core.spi.VolumeProbe;
import org.vdiskdoctor.ui.Session;
import org.vdiskdoctor.ui.parts.InspectorPart;
import org.vdiskdoctor.ui.parts.NavigatorPart;

/**
 * The navigator's volumes: a GPT disk made by qemu-img and sgdisk shows its two partitions under the image (label,
 * size, guest offset, filesystem), a volume with a finding wears its severity, and selecting a partition selects
 * its node in the Disk Inspector's structure tree (guest disk › GPT › partitions › partition N).
 */
class NavigatorVolumesTest {

    @TempDir
    Path dir;

    private Display display;
    private Shell shell;
    private Session session;
    private FakeParts parts;
    private NavigatorPart navigator;
    private ServiceRegistration<VolumeProbe> probe;

    @BeforeEach
    void setUp() {
        display = UiFixture.display();
        shell = UiFixture.shell(display, 1300, 560);
        SashForm sash = new SashForm(shell, SWT.HORIZONTAL);
        session = UiFixture.session(display);
        navigator = new NavigatorPart();
        org.eclipse.swt.widgets.Composite left = new org.eclipse.swt.widgets.Composite(sash, SWT.NONE);
        org.eclipse.swt.widgets.Composite right = new org.eclipse.swt.widgets.Composite(sash, SWT.NONE);
        right.setLayout(new org.eclipse.swt.layout.FillLayout());
        sash.setWeights(40, 60);
        parts = new FakeParts(right, session);
        navigator.create(left, session, parts.service());
        probe = TestProbes.markedVolumes();
        shell.open();
    }

    @AfterEach
    void tearDown() {
        probe.unregister();
        shell.dispose();
    }

    @Test
    void showsTheGptPartitionsWithSeverityAndSelectsTheirNodesInTheInspector() throws Exception {
        // root starts with the test magic: the test volume probe names it "testfs" and reports a warning there
        Path disk = UiFixture.gptDisk(dir, "gpt.img", true);
        UiFixture.openAndWait(display, session, List.of(disk));

        Tree tree = navigator.viewer().getTree();
        TreeItem image = tree.getItem(0);
        assertTrue(image.getText().startsWith("gpt.img — raw, 32.0 MiB — "), image.getText());
        List<String> volumes = texts(image.getItems());
        assertEquals(List.of(
                "GPT partition 1 \"boot\" (EFI system) — 8.0 MiB at guest byte 1048576",
                "GPT partition 2 \"root\" (Linux filesystem) — 23.0 MiB at guest byte " + UiFixture.ROOT_OFFSET
                        + ", testfs"), volumes, "the whole disk holds no filesystem: not listed");
        TreeItem boot = image.getItem(0);
        TreeItem root = image.getItem(1);
        assertNotNull(boot.getImage(), "boot has its disc: no findings");
        assertNotSame(boot.getImage(), root.getImage(), "root has a warning: another colour");
        assertSame(image.getImage(), root.getImage(), "the image is as bad as its worst volume: warning");

        // no inspector open: selecting a partition opens nothing
        select(tree, root);
        assertEquals(0, parts.created);
        // double-click: the inspector opens (once) with root's node selected
        doubleClick(tree, root);
        assertEquals(1, parts.created);
        InspectorPart inspector = parts.inspectors().get(0);
        assertEquals(List.of("raw image", "guest disk", "GPT", "partitions", "partition 2"), selectedPath(inspector));
        // selecting another partition moves the inspector's selection, and creates nothing
        select(tree, boot);
        assertEquals(List.of("raw image", "guest disk", "GPT", "partitions", "partition 1"), selectedPath(inspector));
        doubleClick(tree, boot);
        assertEquals(1, parts.created, "never two inspectors for one image");
        assertEquals(1, parts.parts.size());
        UiFixture.screenshot(shell, "navigator-volumes.png");
    }

    @Test
    void anMbrDisksPartitionsAreListedToo() throws Exception {
        Path disk = UiFixture.qemuRaw(dir, "mbr.img", "16M");
        // sfdisk's script: one Linux partition at sector 2048 of 8 MiB, one of the rest
        Process p = new ProcessBuilder("/usr/sbin/sfdisk", "-q", disk.toString()).redirectErrorStream(true).start();
        p.getOutputStream().write("label: dos\nstart=2048, size=16384, type=83\nstart=18432, type=83\n".getBytes());
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        UiFixture.openAndWait(display, session, List.of(disk));
        TreeItem image = navigator.viewer().getTree().getItem(0);
        assertEquals(List.of("MBR primary partition 1 (type 0x83 Linux) — 8.0 MiB at guest byte 1048576",
                "MBR primary partition 2 (type 0x83 Linux) — 7.0 MiB at guest byte 9437184"), texts(image.getItems()));
        doubleClick(navigator.viewer().getTree(), image.getItem(1));
        assertEquals(List.of("raw image", "guest disk", "MBR", "entry 2"), selectedPath(parts.inspectors().get(0)));
    }

    private static List<String> selectedPath(InspectorPart inspector) {
        Tree t = inspector.tree().viewer().getTree();
        assertEquals(1, t.getSelectionCount(), "one structure node selected");
        List<String> path = new ArrayList<>();
        for (TreeItem i = t.getSelection()[0]; i != null; i = i.getParentItem()) path.add(0, i.getText(0));
        return path;
    }

    /** Selects {@code item} the way a click does: the widget's selection, then its Selection event. */
    private static void select(Tree tree, TreeItem item) {
        tree.setSelection(item);
        Event e = new Event();
        e.item = item;
        tree.notifyListeners(SWT.Selection, e);
    }

    /** A double-click (or Enter): the selection, then DefaultSelection, which JFace turns into its double-click. */
    private static void doubleClick(Tree tree, TreeItem item) {
        select(tree, item);
        Event e = new Event();
        e.item = item;
        tree.notifyListeners(SWT.DefaultSelection, e);
    }

    private static List<String> texts(TreeItem[] items) {
        List<String> out = new ArrayList<>();
        for (TreeItem i : items) out.add(i.getText());
        return out;
    }
}
