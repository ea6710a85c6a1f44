// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.di.AboutToShow;
import org.eclipse.e4.ui.model.application.ui.menu.MDirectMenuItem;
import org.eclipse.e4.ui.model.application.ui.menu.MItem;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuElement;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuFactory;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.ui.OpenedSubject;
import org.vdiskdoctor.ui.PathChooser;
import org.vdiskdoctor.ui.RecentPaths;
import org.vdiskdoctor.ui.Session;
import org.vdiskdoctor.ui.internal.OpenFolderHandler;
import org.vdiskdoctor.ui.internal.OpenImageHandler;
import org.vdiskdoctor.ui.internal.OpenRecentHandler;
import org.vdiskdoctor.ui.internal.RecentMenu;

/**
 * File › Open image…, Open folder… and Open recent, run through e4 injection as the workbench runs them, with a
 * fake {@link PathChooser} in the context instead of the native dialogs: what the user picks is diagnosed, shown in
 * an inspector and remembered; a cancelled dialog changes nothing.
 */
class OpenHandlersTest {

    @TempDir
    Path dir;

    private Display display;
    private Shell shell;
    private Session session;
    private RecentPaths recent;
    private FakeParts parts;
    private IEclipseContext context;
    private final List<Path> picked = new ArrayList<>();
    private int asked;

    @BeforeEach
    void setUp() {
        display = UiFixture.display();
        shell = UiFixture.shell(display, 900, 500);
        session = UiFixture.session(display);
        recent = new RecentPaths(dir.resolve("state/recent.txt"));
        parts = new FakeParts(shell, session);
        context = EclipseContextFactory.create("open-handlers-test");
        context.set("activeShell", shell);
        context.set(Session.class, session);
        context.set(RecentPaths.class, recent);
        context.set(EPartService.class, parts.service());
        context.set(EModelService.class, (EModelService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { EModelService.class }, (proxy, m, args) -> {
                    if (m.getName().equals("createModelElement") && args[0] == MDirectMenuItem.class) {
                        return MMenuFactory.INSTANCE.createDirectMenuItem();
                    }
                    throw new UnsupportedOperationException("EModelService." + m.getName());
                }));
        context.set(PathChooser.class, new PathChooser() {
            @Override
            public List<Path> chooseImages(Shell parent) {
                asked++;
                assertTrue(parent == shell, "the dialog's parent is the active shell");
                return List.copyOf(picked);
            }

            @Override
            public Optional<Path> chooseFolder(Shell parent) {
                asked++;
                return picked.stream().findFirst();
            }
        });
        shell.open();
    }

    @AfterEach
    void tearDown() {
        context.dispose();
        shell.dispose();
    }

    @Test
    void openImageDiagnosesThePickedImagesShowsEachInAnInspectorAndRemembersThem() throws Exception {
        Path a = UiFixture.qemuRaw(dir, "a.img", "1M");
        Path b = UiFixture.unalignedRaw(dir, "b.img", 7);
        picked.addAll(List.of(a, b));
        ContextInjectionFactory.invoke(new OpenImageHandler(), Execute.class, context);
        assertEquals(1, asked);
        UiFixture.waitIdle(display, session);
        assertEquals(List.of(a, b), session.subjects().stream().map(OpenedSubject::input).toList());
        assertTrue(session.subjects().stream().allMatch(s -> s.state() == OpenedSubject.State.DONE));
        assertEquals(2, parts.created, "one inspector per image");
        assertEquals(List.of(a, b), parts.inspectors().stream().map(i -> i.image()).toList());
        assertTrue(parts.inspectors().get(1).headerText().endsWith("WARNING"), parts.inspectors().get(1).headerText());
        assertEquals(List.of(b, a), recent.list(), "newest first");
        assertEquals(List.of(b.toString(), a.toString()), Files.readAllLines(dir.resolve("state/recent.txt")),
                "kept for the next start");
    }

    @Test
    void openFolderDiagnosesTheFolderAndRemembersIt() throws Exception {
        Path vm = Files.createDirectory(dir.resolve("vm"));
        UiFixture.qemuRaw(vm, "disk0.img", "1M");
        picked.add(vm);
        ContextInjectionFactory.invoke(new OpenFolderHandler(), Execute.class, context);
        UiFixture.waitIdle(display, session);
        OpenedSubject s = session.subject(vm).orElseThrow();
        assertTrue(s.isFolder());
        assertEquals(OpenedSubject.State.DONE, s.state());
        assertEquals(1, s.results().size());
        assertEquals(0, parts.created, "a folder opens no inspector: the navigator lists its images");
        assertEquals(List.of(vm), recent.list());
    }

    @Test
    void cancellingTheDialogChangesNothing() {
        ContextInjectionFactory.invoke(new OpenImageHandler(), Execute.class, context);
        ContextInjectionFactory.invoke(new OpenFolderHandler(), Execute.class, context);
        assertEquals(2, asked, "both dialogs were shown");
        assertTrue(session.subjects().isEmpty());
        assertFalse(session.isBusy(), "no job");
        assertEquals(0, parts.created);
        assertTrue(recent.list().isEmpty());
        assertFalse(Files.exists(dir.resolve("state/recent.txt")), "nothing written");
    }

    @Test
    void openRecentListsThePathsNewestFirstAndReopensOne() throws Exception {
        List<MMenuElement> items = new ArrayList<>();
        context.set(List.class, items);
        ContextInjectionFactory.invoke(new RecentMenu(), AboutToShow.class, context);
        assertEquals(1, items.size());
        assertEquals("(nothing opened yet)", ((MItem) items.get(0)).getLabel());
        assertFalse(canExecute((MItem) items.get(0)), "the placeholder does nothing");

        Path a = UiFixture.qemuRaw(dir, "a.img", "1M");
        Path vm = Files.createDirectory(dir.resolve("vm & co"));
        UiFixture.qemuRaw(vm, "disk0.img", "1M");
        recent.add(a);
        recent.add(vm);
        items.clear();
        ContextInjectionFactory.invoke(new RecentMenu(), AboutToShow.class, context);
        assertEquals(List.of("&1 " + vm.toString().replace("&", "&&"), "&2 " + a), items.stream()
                .map(i -> ((MItem) i).getLabel()).toList(), "numbered, newest first, '&' escaped");

        MItem image = (MItem) items.get(1);
        assertTrue(canExecute(image));
        context.set(MItem.class, image);
        ContextInjectionFactory.invoke(new OpenRecentHandler(), Execute.class, context);
        UiFixture.waitIdle(display, session);
        assertEquals(OpenedSubject.State.DONE, session.subject(a).orElseThrow().state());
        assertEquals(1, parts.created, "an image opens in its inspector");
        assertEquals(List.of(a, vm), recent.list(), "reopened: first again");

        context.set(MItem.class, (MItem) items.get(0));
        ContextInjectionFactory.invoke(new OpenRecentHandler(), Execute.class, context);
        UiFixture.waitIdle(display, session);
        assertTrue(session.subject(vm).orElseThrow().isFolder(), "a folder reopens as a folder");
        assertEquals(1, parts.created);
    }

    private boolean canExecute(MItem item) {
        context.set(MItem.class, item);
        return (Boolean) ContextInjectionFactory.invoke(new OpenRecentHandler(), CanExecute.class, context);
    }
}
