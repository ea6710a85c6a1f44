// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisService;
import org.vdiskdoctor.ui.OpenedSubject;
import org.vdiskdoctor.ui.Session;

/**
 * What the part tests share: a real Display (an X display is required: run under xvfb-run; without one the tests
 * fail, they never skip), the real engine from the OSGi service, test images, waiting for results, screenshots.
 */
final class UiFixture {

    static final Path REPO = Path.of(System.getProperty("vdiskdoctor.repo", "../..")).toAbsolutePath().normalize();
    static final Path SCREENSHOTS = REPO.resolve("bundles/org.vdiskdoctor.ui.tests/target/screenshots");

    private UiFixture() {
    }

    /** The display of this thread, made on first use. Fails loudly without an X display. */
    static Display display() {
        String x = System.getenv("DISPLAY");
        assertTrue(x != null && !x.isBlank(), "the UI tests need an X display: run them under xvfb-run "
                + "(CI does: xvfb-run -a ./mvnw -B verify); DISPLAY is not set");
        Display d = Display.getCurrent();
        return d != null ? d : new Display();
    }

    static Shell shell(Display d, int width, int height) {
        Shell shell = new Shell(d);
        shell.setLayout(new FillLayout());
        shell.setSize(width, height);
        return shell;
    }

    /** The engine the DS service gives, with every driver and probe installed in this framework. */
    static DiagnosisEngine engine() {
        BundleContext bc = FrameworkUtil.getBundle(UiFixture.class).getBundleContext();
        ServiceTracker<DiagnosisService, DiagnosisService> t = new ServiceTracker<>(bc, DiagnosisService.class, null);
        t.open();
        try {
            DiagnosisService s = t.waitForService(20_000);
            assertNotNull(s, "DiagnosisService (is SCR started?)");
            return s.engine();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            t.close();
        }
    }

    /** A session whose results are applied on {@code d}'s thread, as in the workbench. */
    static Session session(Display d) {
        return new Session(UiFixture::engine, d::asyncExec);
    }

    /** Opens {@code paths} and runs the event loop until the job is done and every subject has its results. */
    static void openAndWait(Display d, Session s, List<Path> paths) {
        waitFor(d, s, s.open(paths));
    }

    /** Runs the event loop until {@code job} is done and every subject has its results. */
    static void waitFor(Display d, Session s, Job job) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            while (d.readAndDispatch()) {
                // drain
            }
            boolean running = s.subjects().stream().anyMatch(o -> o.state() == OpenedSubject.State.RUNNING);
            if (!running && job.getState() == Job.NONE) break;
            assertTrue(System.nanoTime() < deadline, "diagnosis did not finish in 60 s: " + s.subjects());
            sleep(10);
        }
        while (d.readAndDispatch()) {
            // the last results' repaints
        }
    }

    /** Runs the event loop until no diagnosis job runs and every subject has its results (after a handler ran). */
    static void waitIdle(Display d, Session s) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            while (d.readAndDispatch()) {
                // drain
            }
            boolean running = s.subjects().stream().anyMatch(o -> o.state() == OpenedSubject.State.RUNNING);
            if (!running && !s.isBusy()) break;
            assertTrue(System.nanoTime() < deadline, "diagnosis did not finish in 60 s: " + s.subjects());
            sleep(10);
        }
        settle(d, 50);
    }

    /** Runs the event loop for {@code ms} (layout and paint). */
    static void settle(Display d, long ms) {
        long end = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < end) {
            while (d.readAndDispatch()) {
                // drain
            }
            sleep(10);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A raw image made by {@code qemu-img create -f raw} ({@code size} like "1M"). */
    static Path qemuRaw(Path dir, String name, String size) throws IOException, InterruptedException {
        Path p = dir.resolve(name);
        Process pr = new ProcessBuilder("qemu-img", "create", "-q", "-f", "raw", p.toString(), size)
                .redirectErrorStream(true).start();
        String out = new String(pr.getInputStream().readAllBytes());
        assertTrue(pr.waitFor() == 0, "qemu-img failed: " + out);
        return p;
    }

    /** Where {@link #gptDisk} puts partition 2 ("root"), in guest bytes. */
    static final long ROOT_OFFSET = 18432L * 512;

    /**
     * A 32 MiB raw disk made by qemu-img and partitioned by sgdisk: 1 "boot" (EFI system) at LBA 2048, 8 MiB;
     * 2 "root" (Linux filesystem) at LBA 18432 to the end. With {@code markRoot}, root starts with
     * {@link TestProbes#MARK}.
     */
    static Path gptDisk(Path dir, String name, boolean markRoot) throws IOException, InterruptedException {
        Path p = qemuRaw(dir, name, "32M");
        run("/usr/sbin/sgdisk", "-n", "1:2048:+8M", "-c", "1:boot", "-t", "1:ef00", "-n", "2:18432:0", "-c", "2:root",
                "-t", "2:8300", p.toString());
        if (markRoot) {
            try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(TestProbes.MARK), ROOT_OFFSET);
            }
        }
        return p;
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(pr.getInputStream().readAllBytes());
        assertTrue(pr.waitFor() == 0, String.join(" ", cmd) + " failed: " + out);
    }

    /** A raw image of 1 MiB plus {@code extra} bytes: not whole sectors (raw.size.unaligned). */
    static Path unalignedRaw(Path dir, String name, int extra) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, new byte[(1 << 20) + extra]);
        return p;
    }

    /** Saves what {@code shell} shows as a PNG under target/screenshots. */
    static Path screenshot(Shell shell, String name) throws IOException {
        Display d = shell.getDisplay();
        settle(d, 300);
        Files.createDirectories(SCREENSHOTS);
        org.eclipse.swt.graphics.Point size = shell.getSize();
        Image img = new Image(d, size.x, size.y);
        GC gc = new GC(shell);
        try {
            gc.copyArea(img, 0, 0);
            ImageLoader loader = new ImageLoader();
            loader.data = new org.eclipse.swt.graphics.ImageData[] { img.getImageData() };
            Path out = SCREENSHOTS.resolve(name);
            loader.save(out.toString(), SWT.IMAGE_PNG);
            return out;
        } finally {
            gc.dispose();
            img.dispose();
        }
    }
}
