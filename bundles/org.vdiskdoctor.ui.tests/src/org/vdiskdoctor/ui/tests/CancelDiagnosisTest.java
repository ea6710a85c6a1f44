// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;
import org.vdiskdoctor.core.spi.DiskProbe;
import org.vdiskdoctor.ui.OpenedSubject;
import org.vdiskdoctor.ui.Session;
import org.vdiskdoctor.ui.internal.CancelHandler;
import org.vdiskdoctor.ui.parts.InspectorPart;
import org.vdiskdoctor.ui.parts.NavigatorPart;

/**
 * Cancel during a running diagnosis: a VM folder whose second image ("slow.img") is held by a test probe that waits
 * on the monitor, as the scan of a huge image does between reads. While it runs the UI thread keeps answering;
 * Cancel (the real handler, through injection) ends the job CANCELED, and the parts say plainly what is missing.
 */
class CancelDiagnosisTest {

    @TempDir
    Path dir;

    private Display display;
    private Shell shell;
    private Session session;
    private NavigatorPart navigator;
    private FakeParts parts;
    private final CountDownLatch entered = new CountDownLatch(1);
    private ServiceRegistration<DiskProbe> probe;
    private IEclipseContext context;

    @BeforeEach
    void setUp() {
        display = UiFixture.display();
        shell = UiFixture.shell(display, 1100, 420);
        SashForm sash = new SashForm(shell, SWT.HORIZONTAL);
        Composite left = new Composite(sash, SWT.NONE);
        Composite right = new Composite(sash, SWT.NONE);
        right.setLayout(new FillLayout());
        session = UiFixture.session(display);
        parts = new FakeParts(right, session);
        navigator = new NavigatorPart();
        navigator.create(left, session, parts.service());
        probe = TestProbes.slowImages(entered);
        context = EclipseContextFactory.create("cancel-test");
        context.set(Session.class, session);
        shell.open();
    }

    @AfterEach
    void tearDown() {
        probe.unregister();
        context.dispose();
        shell.dispose();
    }

    @Test
    void cancelEndsTheRunningJobCanceledAndShowsThePartialResult() throws Exception {
        Path vm = Files.createDirectory(dir.resolve("vm"));
        Path fast = UiFixture.qemuRaw(vm, "a.img", "1M");
        Path slow = UiFixture.qemuRaw(vm, "slow.img", "64M");
        Job job = session.open(List.of(vm));
        org.vdiskdoctor.ui.parts.InspectorParts.show(parts.service(), slow);
        InspectorPart inspector = parts.inspectors().get(0);

        // until the probe holds the job, the UI thread runs its loop: it is never blocked by the diagnosis
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (entered.getCount() > 0) {
            assertTrue(System.nanoTime() < deadline, () -> "the slow probe never ran; job " + job.getState() + " "
                    + job.getResult() + ", " + session.subjects() + ": " + session.results().stream()
                            .flatMap(r -> r.findings().stream()).map(f -> f.code() + " " + f.message()).toList());
            UiFixture.settle(display, 20);
        }
        assertEquals(Job.RUNNING, job.getState());
        assertTrue(responds(), "the UI thread answers within 500 ms while the diagnosis runs");
        TreeItem folder = navigator.viewer().getTree().getItem(0);
        assertEquals("vm/ — 1 image (diagnosing…)", folder.getText(), "a.img is in; slow.img is being diagnosed");
        assertTrue(inspector.headerText().endsWith("diagnosing…"), inspector.headerText());

        assertTrue((Boolean) ContextInjectionFactory.invoke(new CancelHandler(), CanExecute.class, context));
        ContextInjectionFactory.invoke(new CancelHandler(), Execute.class, context);
        UiFixture.waitFor(display, session, job);

        assertEquals(IStatus.CANCEL, job.getResult().getSeverity(), "the job ends CANCELED");
        OpenedSubject s = session.subject(vm).orElseThrow();
        assertEquals(OpenedSubject.State.CANCELLED, s.state());
        assertEquals(List.of(fast), s.results().stream().map(r -> r.path()).toList(), "the partial result stays");
        assertEquals("vm/ — 1 image (cancelled: results incomplete)", folder.getText());
        assertEquals(List.of("a.img — raw, 1.0 MiB — INFO"), List.of(folder.getItems()).stream().map(TreeItem::getText)
                .toList());
        assertEquals(slow.toAbsolutePath().normalize() + " — diagnosis cancelled before this image was done: no result",
                inspector.headerText());
        assertFalse(session.isBusy());
        assertFalse((Boolean) ContextInjectionFactory.invoke(new CancelHandler(), CanExecute.class, context),
                "nothing left to cancel");
        assertTrue(responds());
        UiFixture.screenshot(shell, "cancelled.png");
    }

    /** Whether a task posted to the UI thread runs within 500 ms while the loop is driven. */
    private boolean responds() {
        AtomicLong ran = new AtomicLong();
        long posted = System.nanoTime();
        display.asyncExec(() -> ran.set(System.nanoTime()));
        long deadline = posted + TimeUnit.MILLISECONDS.toNanos(500);
        while (ran.get() == 0 && System.nanoTime() < deadline) UiFixture.settle(display, 5);
        return ran.get() != 0;
    }
}
