// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.DiagnosisResult;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.DiskProbe;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.core.testing.FakeDriver;
import org.vdiskdoctor.core.testing.Fixtures;

/** Failures of the tool itself, the time budget and cancellation. */
class RunControlTest {

    @TempDir
    Path tmp;
    FakeDriver chain = FakeDriver.chain();

    private Path image(String name, String... kv) throws IOException {
        return Fixtures.write(tmp.resolve(name), chain.header(kv));
    }

    /** A monitor that can be cancelled from a test. */
    static final class CancelFlag implements Monitor {
        final AtomicBoolean canceled = new AtomicBoolean();

        @Override
        public void begin(String task, long totalWork) {
        }

        @Override
        public void worked(long units) {
        }

        @Override
        public boolean isCanceled() {
            return canceled.get();
        }

        @Override
        public void checkpoint() {
            if (canceled.get()) throw new CanceledException();
        }
    }

    @Test
    void driverThrowingIsAnInternalErrorAndTheNextInputStillRuns() throws IOException {
        chain.onCheck((img, sink, m) -> {
            if (img.source().path().endsWith("bad.img")) throw new IllegalStateException("driver bug");
        });
        Path bad = image("bad.img");
        Path good = image("good.img");
        DiagnosisResult r = Fixtures.engine(chain).diagnose(List.of(bad, good), DiagnosisOptions.defaults(),
                Monitor.NONE);
        SubjectResult first = r.subjects().get(0);
        assertEquals(List.of("core.engine.internal-error"), Fixtures.codes(first));
        assertTrue(first.findings().get(0).message().contains("driver bug"));
        assertTrue(first.toolFailure());
        assertEquals(List.of(), r.subjects().get(1).findings());
        assertEquals(1, r.exitCode());
    }

    @Test
    void driverThrowingWhileOpeningOrScoring() throws IOException {
        chain.onOpen((img, sink, m) -> {
            throw new ArrayIndexOutOfBoundsException(7);
        });
        SubjectResult r = Fixtures.engine(chain).diagnoseImage(image("a.img"), DiagnosisOptions.defaults(),
                Monitor.NONE);
        assertEquals(List.of("core.engine.internal-error"), Fixtures.codes(r));
        assertTrue(r.toolFailure());

        SubjectResult s = new DiagnosisEngine(List.of(new ThrowingScore()), List.of(), List.of(), Fixtures.catalog())
                .diagnoseImage(image("b.img"), DiagnosisOptions.defaults(), Monitor.NONE);
        assertEquals(List.of("core.engine.internal-error"), Fixtures.codes(s));
        assertTrue(s.toolFailure());
    }

    /** Breaks the "must not throw" rule of {@code score}. */
    static final class ThrowingScore implements org.vdiskdoctor.core.spi.FormatDriver {
        @Override
        public String id() {
            return "throwing";
        }

        @Override
        public int score(org.vdiskdoctor.core.spi.ProbeHeader header) {
            throw new NullPointerException("score bug");
        }

        @Override
        public OpenedImage open(ImageSource source, FindingSink sink, Monitor monitor) {
            throw new AssertionError("never opened");
        }
    }

    @Test
    void overLongReadInsideTheFileIsAToolFailureNotTruncation() throws IOException {
        chain.onCheck((img, sink, m) -> img.source().read(0, ImageSource.MAX_READ + 1));
        Path big = image("big.img");
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(ImageSource.MAX_READ + 4096L);
        }
        SubjectResult r = Fixtures.engine(chain).diagnoseImage(big, DiagnosisOptions.defaults(), Monitor.NONE);
        assertEquals(List.of("core.engine.internal-error"), Fixtures.codes(r));
        assertTrue(r.toolFailure());
    }

    @Test
    void budgetExceeded() throws IOException {
        chain.onCheck((img, sink, m) -> {
            sink.report(Finding.of(Fixtures.TEST_NOTE, "found before the budget ran out").build());
            while (true) m.checkpoint(); // a table walk that never ends
        });
        Path img = image("slow.img");
        DiagnosisResult r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Fixtures.engine(chain)
                .diagnose(List.of(img), DiagnosisOptions.defaults().withBudget(Duration.ofMillis(50)), Monitor.NONE));
        SubjectResult s = r.subjects().get(0);
        assertEquals(List.of("test.fake.note", "core.engine.budget-exceeded"), Fixtures.codes(s));
        assertTrue(s.findings().get(1).message().contains("50 ms"), s.findings().get(1).message());
        assertTrue(s.toolFailure());
        assertEquals(1, r.exitCode());
    }

    @Test
    void aBudgetOfCenturiesMeansNoLimit() throws IOException {
        // Duration.toNanos() overflows past ~292 years; "unlimited" must not crash the run
        chain.onCheck((img, sink, m) -> m.checkpoint());
        DiagnosisResult r = Fixtures.engine(chain).diagnose(List.of(image("a.img")),
                DiagnosisOptions.defaults().withBudget(Duration.ofDays(365L * 1000)), Monitor.NONE);
        assertEquals(List.of(), r.subjects().get(0).findings());
        assertEquals(0, r.exitCode());
    }

    @Test
    void budgetIsPerSubject() throws IOException {
        chain.onCheck((img, sink, m) -> {
            long end = System.nanoTime() + 60_000_000L;
            while (System.nanoTime() < end) m.checkpoint();
        });
        // each subject takes 60 ms of a 400 ms budget: eight together would exceed one shared budget
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < 8; i++) inputs.add(image("i" + i + ".img"));
        DiagnosisResult r = Fixtures.engine(chain).diagnose(inputs,
                DiagnosisOptions.defaults().withBudget(Duration.ofMillis(400)), Monitor.NONE);
        assertEquals(0, r.exitCode(), r.toString());
    }

    @Test
    void cancelBetweenSubjectsStopsTheRunAfterStreamingTheFirst() throws IOException {
        CancelFlag monitor = new CancelFlag();
        List<SubjectResult> seen = new ArrayList<>();
        List<Path> inputs = List.of(image("a.img"), image("b.img"));
        assertThrows(Monitor.CanceledException.class, () -> Fixtures.engine(chain).diagnose(inputs,
                DiagnosisOptions.defaults(), monitor, r -> {
                    seen.add(r);
                    monitor.canceled.set(true);
                }));
        assertEquals(1, seen.size());
        assertEquals(List.of(tmp.resolve("a.img")), chain.opened);
    }

    @Test
    void cancelInsideADriverIsNotAFinding() throws IOException {
        CancelFlag monitor = new CancelFlag();
        chain.onCheck((img, sink, m) -> {
            monitor.canceled.set(true);
            m.checkpoint();
            throw new AssertionError("checkpoint did not throw");
        });
        Path a = image("a.img");
        assertThrows(Monitor.CanceledException.class,
                () -> Fixtures.engine(chain).diagnose(List.of(a), DiagnosisOptions.defaults(), monitor));
    }

    @Test
    void parentsAreAttachedToTheirChildrenBeforeProbesRun() throws IOException {
        List<String> log = new ArrayList<>();
        chain.logTo(log);
        image("base.img");
        image("mid.img", "parent=base.img");
        Path top = image("top.img", "parent=mid.img");
        DiskProbe p = probe("p", (img, sink) -> log.add("probe " + img.source().path().getFileName()));
        new DiagnosisEngine(List.of(chain), List.of(p), List.of(), Fixtures.catalog())
                .diagnoseImage(top, DiagnosisOptions.defaults(), Monitor.NONE);
        assertEquals(List.of("open top.img", "open mid.img", "attach top.img <- mid.img", "open base.img",
                "attach mid.img <- base.img", "probe top.img"), log);
    }

    @Test
    void aFailingProbeDoesNotStopTheOtherProbesOrTheChain() throws IOException {
        List<String> ran = new ArrayList<>();
        DiskProbe broken = probe("broken", (img, sink) -> {
            throw new IllegalStateException("probe bug");
        });
        DiskProbe fine = probe("fine", (img, sink) -> ran.add("fine"));
        image("base.img");
        Path top = image("top.img", "parent=base.img");
        SubjectResult r = new DiagnosisEngine(List.of(chain), List.of(broken, fine), List.of(), Fixtures.catalog())
                .diagnoseImage(top, DiagnosisOptions.defaults(), Monitor.NONE);
        assertEquals(List.of("core.engine.internal-error"), Fixtures.codes(r));
        assertTrue(r.findings().get(0).message().contains("'broken'"), r.findings().get(0).message());
        assertEquals(List.of("fine"), ran);
        assertTrue(r.toolFailure());
        assertEquals(2, r.chain().size(), "the chain was followed before the probes ran");
    }

    @Test
    void probesDoNotRunWhenTheChainIsBroken() throws IOException {
        // guest data of an image whose parent is missing cannot be read as the guest sees it: a probe would only
        // turn the chain finding into I/O errors
        List<String> ran = new ArrayList<>();
        DiskProbe p = probe("p", (img, sink) -> ran.add("p"));
        Path top = image("top.img", "parent=gone.img");
        SubjectResult r = new DiagnosisEngine(List.of(chain), List.of(p), List.of(), Fixtures.catalog())
                .diagnoseImage(top, DiagnosisOptions.defaults(), Monitor.NONE);
        assertEquals(List.of("core.chain.backing-missing"), Fixtures.codes(r));
        assertEquals(List.of(), ran);
        Path self = image("self.img", "parent=self.img");
        SubjectResult loop = new DiagnosisEngine(List.of(chain), List.of(p), List.of(), Fixtures.catalog())
                .diagnoseImage(self, DiagnosisOptions.defaults(), Monitor.NONE);
        assertEquals(List.of("core.chain.cycle"), Fixtures.codes(loop));
        assertEquals(List.of(), ran);
    }

    @Test
    void probesRunOnlyWhereTheyApply() throws IOException {
        List<String> ran = new ArrayList<>();
        DiskProbe never = new DiskProbe() {
            @Override
            public String id() {
                return "never";
            }

            @Override
            public boolean appliesTo(OpenedImage image) {
                return false;
            }

            @Override
            public void run(OpenedImage image, FindingSink sink, Monitor monitor) {
                ran.add("never");
            }
        };
        SubjectResult r = new DiagnosisEngine(List.of(chain), List.of(never), List.of(), Fixtures.catalog())
                .diagnoseImage(image("a.img"), DiagnosisOptions.defaults(), Monitor.NONE);
        assertEquals(List.of(), ran);
        assertFalse(r.toolFailure());
    }

    interface ProbeBody {
        void run(OpenedImage img, FindingSink sink) throws IOException;
    }

    static DiskProbe probe(String id, ProbeBody body) {
        return new DiskProbe() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public boolean appliesTo(OpenedImage image) {
                return true;
            }

            @Override
            public void run(OpenedImage image, FindingSink sink, Monitor monitor) throws IOException {
                body.run(image, sink);
            }
        };
    }
}
