// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.ui.OpenedSubject;
import org.vdiskdoctor.ui.Session;

/** The session: results arrive on the UI thread, and Cancel stops a diagnosis (even one not started yet). */
class SessionTest {

    @TempDir
    Path dir;

    @Test
    void resultsAndNotificationsArriveOnTheUiThread() throws Exception {
        Display d = UiFixture.display();
        Session s = UiFixture.session(d);
        List<Thread> threads = new ArrayList<>();
        s.addListener(o -> threads.add(Thread.currentThread()));
        Path img = UiFixture.qemuRaw(dir, "a.img", "1M");
        UiFixture.openAndWait(d, s, List.of(img));
        assertFalse(threads.isEmpty());
        for (Thread t : threads) assertEquals(d.getThread(), t);
        assertEquals(OpenedSubject.State.DONE, s.subject(img).orElseThrow().state());
        assertFalse(s.isBusy());
    }

    @Test
    void cancelStopsTheDiagnosisAndTheSubjectsEndCancelled() throws Exception {
        Display d = UiFixture.display();
        CountDownLatch cancelled = new CountDownLatch(1);
        // the engine becomes available only after the user pressed Cancel: the job then finds itself cancelled
        Session s = new Session(() -> {
            try {
                assertTrue(cancelled.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return UiFixture.engine();
        }, d::asyncExec);
        Path a = UiFixture.qemuRaw(dir, "a.img", "1M");
        Path b = UiFixture.qemuRaw(dir, "b.img", "1M");
        Job job = s.open(List.of(a, b));
        assertTrue(s.isBusy());
        s.cancel();
        cancelled.countDown();
        UiFixture.waitFor(d, s, job);
        assertEquals(OpenedSubject.State.CANCELLED, s.subject(a).orElseThrow().state());
        assertEquals(OpenedSubject.State.CANCELLED, s.subject(b).orElseThrow().state());
        assertTrue(s.results().isEmpty());
        assertFalse(s.isBusy());
    }

    @Test
    void anErrorEscapingTheJobEndsItsSubjectsFailedNotCancelled() throws Exception {
        Display d = UiFixture.display();
        // a broken installation: a class of the engine cannot be loaded
        Session s = new Session(() -> {
            throw new NoClassDefFoundError("org/vdiskdoctor/core/io/ImageSource");
        }, d::asyncExec);
        Path a = UiFixture.qemuRaw(dir, "a.img", "1M");
        Job job = s.open(List.of(a));
        UiFixture.waitFor(d, s, job);
        OpenedSubject o = s.subject(a).orElseThrow();
        assertEquals(OpenedSubject.State.FAILED, o.state());
        assertTrue(o.problem().contains("NoClassDefFoundError"), o.problem());
    }
}
