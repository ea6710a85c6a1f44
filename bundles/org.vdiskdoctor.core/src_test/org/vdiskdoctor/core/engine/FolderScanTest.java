// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.DiagnosisResult;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.SubjectKind;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.io.PathPolicy;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.FolderProbe;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.testing.FakeDriver;
import org.vdiskdoctor.core.testing.Fixtures;

/**
 * Folder inputs. Layout: vm/a-disk (chain format, no suffix), vm/b.img (chain), vm/junk.img (unrecognised, but
 * the suffix makes it a candidate), vm/notes.txt (text: skipped), vm/sub/c.img, vm/linked -> ../elsewhere (a
 * folder symlink holding d.img: never followed).
 */
class FolderScanTest {

    @TempDir
    Path tmp;
    Path vm;
    FakeDriver chain = FakeDriver.chain();
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    DiagnosisEngine engine;

    @BeforeEach
    void layout() throws IOException {
        tmp = tmp.toRealPath();
        vm = Files.createDirectories(tmp.resolve("vm"));
        Fixtures.write(vm.resolve("a-disk"), chain.header());
        Fixtures.write(vm.resolve("b.img"), chain.header());
        Fixtures.write(vm.resolve("junk.img"), "unknown bytes");
        Fixtures.write(vm.resolve("notes.txt"), "remember the milk");
        Fixtures.write(vm.resolve("sub/c.img"), chain.header());
        Fixtures.write(tmp.resolve("elsewhere/d.img"), chain.header());
        Files.createSymbolicLink(vm.resolve("linked"), Path.of("../elsewhere"));
        engine = Fixtures.engine(chain.logTo(log));
    }

    private List<SubjectResult> scan(Path folder, boolean recursive) {
        List<SubjectResult> out = new ArrayList<>();
        engine.diagnose(List.of(folder), DiagnosisOptions.defaults().withRecursive(recursive), Monitor.NONE,
                r -> {
                    log.add("result " + r.path().getFileName());
                    out.add(r);
                });
        return out;
    }

    private static List<String> names(List<SubjectResult> rs) {
        return rs.stream().map(r -> r.path().getFileName().toString()).toList();
    }

    @Test
    void flatScanTakesCandidatesBySuffixOrScoreInNameOrder() {
        List<SubjectResult> rs = scan(vm, false);
        assertEquals(List.of("a-disk", "b.img", "junk.img"), names(rs));
        assertEquals(List.of(), rs.get(0).findings());
        assertEquals(List.of("core.format.unrecognised"), Fixtures.codes(rs.get(2)));
    }

    @Test
    void recursiveScanDescendsButNeverThroughASymlinkedFolder() {
        List<SubjectResult> rs = scan(vm, true);
        assertEquals(List.of("a-disk", "b.img", "junk.img", "c.img"), names(rs));
        assertFalse(chain.opened.contains(tmp.resolve("elsewhere/d.img")));
    }

    @Test
    void resultsAreStreamedAsEachSubjectCompletes() {
        scan(vm, false);
        assertEquals(List.of("open a-disk", "result a-disk", "open b.img", "result b.img", "result junk.img"), log);
    }

    @Test
    void folderWithoutImagesGetsAnInfoFinding() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Fixtures.write(empty.resolve("readme.txt"), "hello");
        List<SubjectResult> rs = scan(empty, false);
        assertEquals(1, rs.size());
        SubjectResult r = rs.get(0);
        assertEquals(SubjectKind.VM_FOLDER, r.kind());
        assertEquals(List.of("core.folder.no-images"), Fixtures.codes(r));
        assertEquals(Severity.INFO, r.findings().get(0).severity());
        assertEquals(0, new DiagnosisResult(rs).exitCode());
    }

    @Test
    void recursiveScanOfATreeWithoutImagesStillSaysSo() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty/a/b"));
        List<SubjectResult> rs = scan(empty.getParent().getParent(), true);
        assertEquals(1, rs.size(), "a recursive scan that finds nothing must not be silent");
        assertEquals(List.of("core.folder.no-images"), Fixtures.codes(rs.get(0)));
        assertTrue(rs.get(0).findings().get(0).message().contains("sub-folders"));
    }

    @Test
    void recursiveScanWithImagesOnlyInASubFolderHasNoNoImagesFinding() throws IOException {
        Path top = Files.createDirectories(tmp.resolve("top"));
        Fixtures.write(top.resolve("deep/x.img"), chain.header());
        assertEquals(List.of("x.img"), names(scan(top, true)));
        List<SubjectResult> flat = scan(top, false);
        assertEquals(List.of("core.folder.no-images"), Fixtures.codes(flat.get(0)));
    }

    @Test
    void aFifoInTheFolderIsNeverOpened() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("pipes"));
        Fixtures.mkfifo(dir.resolve("named.img"));
        Fixtures.mkfifo(dir.resolve("nameless"));
        List<SubjectResult> rs = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> scan(dir, false));
        assertEquals(List.of("named.img"), names(rs));
        assertEquals(List.of("core.file.fifo"), Fixtures.codes(rs.get(0)));
    }

    @Test
    void aFailingFolderProbeIsThisFoldersToolFailureNotTheRunsEnd() throws IOException {
        FolderProbe broken = new FolderProbe() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public boolean appliesTo(Path folder) {
                return true;
            }

            @Override
            public void run(Path folder, PathPolicy policy, FindingSink sink, Monitor monitor) {
                sink.report(Finding.of(Fixtures.TEST_NOTE, "before failing").build());
                throw new IllegalStateException("folder probe bug");
            }
        };
        Path single = Fixtures.write(tmp.resolve("single.img"), chain.header());
        DiagnosisEngine e = new DiagnosisEngine(List.of(chain), List.of(), List.of(broken), Fixtures.catalog());
        DiagnosisResult r = e.diagnose(List.of(vm, single), DiagnosisOptions.defaults(), Monitor.NONE);
        SubjectResult folder = r.subjects().stream().filter(s -> s.kind() == SubjectKind.VM_FOLDER).findFirst()
                .orElseThrow();
        assertEquals(List.of("test.fake.note", "core.engine.internal-error"), Fixtures.codes(folder));
        assertTrue(folder.toolFailure());
        assertEquals(single, r.subjects().get(r.subjects().size() - 1).path(), "the next input must still run");
        assertEquals(1, r.exitCode());
    }

    @Test
    void folderProbeBudget() throws IOException {
        FolderProbe slow = new FolderProbe() {
            @Override
            public String id() {
                return "slow";
            }

            @Override
            public boolean appliesTo(Path folder) {
                return true;
            }

            @Override
            public void run(Path folder, PathPolicy policy, FindingSink sink, Monitor monitor) {
                while (true) monitor.checkpoint();
            }
        };
        DiagnosisEngine e = new DiagnosisEngine(List.of(chain), List.of(), List.of(slow), Fixtures.catalog());
        DiagnosisResult r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> e.diagnose(List.of(vm),
                DiagnosisOptions.defaults().withBudget(Duration.ofMillis(50)), Monitor.NONE));
        SubjectResult folder = r.subjects().get(r.subjects().size() - 1);
        assertEquals(CoreCodes.ENGINE_BUDGET_EXCEEDED, folder.findings().get(0).code());
        assertTrue(folder.toolFailure());
    }

    @Test
    void backingNamesInAScannedFolderMayPointAnywhereInsideIt() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("chain"));
        Fixtures.write(dir.resolve("base/base.img"), chain.header());
        Fixtures.write(dir.resolve("top.img"), chain.header("parent=base/base.img"));
        List<SubjectResult> rs = scan(dir, false);
        assertEquals(List.of("top.img"), names(rs));
        assertEquals(List.of(), rs.get(0).findings());
        assertEquals(2, rs.get(0).chain().size());
    }
}
