// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.ChainLink;
import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.testing.FakeDriver;
import org.vdiskdoctor.core.testing.Fixtures;

/** Backing chains of the toy "chain" format: each test names the fault it makes and the code it expects. */
class ChainWalkTest {

    @TempDir
    Path tmp;
    Path vm;
    Path outside;
    FakeDriver chain = FakeDriver.chain();
    FakeDriver other = FakeDriver.other();
    DiagnosisEngine engine;

    @BeforeEach
    void setUp() throws IOException {
        tmp = tmp.toRealPath();
        vm = Files.createDirectories(tmp.resolve("vm"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        engine = Fixtures.engine(chain, other);
    }

    private Path image(String name, String... keyValues) throws IOException {
        return Fixtures.write(vm.resolve(name), chain.header(keyValues));
    }

    private SubjectResult run(Path top, DiagnosisOptions options) {
        List<SubjectResult> r = engine.diagnose(List.of(top), options, Monitor.NONE).subjects();
        assertEquals(1, r.size());
        return r.get(0);
    }

    private SubjectResult run(Path top) {
        return run(top, DiagnosisOptions.defaults());
    }

    private static Finding only(SubjectResult r) {
        assertEquals(1, r.findings().size(), r.findings().toString());
        return r.findings().get(0);
    }

    @Test
    void imageWithoutBackingHasAOneLinkChain() throws IOException {
        Path top = image("top.img", "size=4096");
        SubjectResult r = run(top);
        assertEquals(List.of(), r.findings());
        assertEquals(List.of(new ChainLink(top, null, "chain")), r.chain());
        assertEquals("chain", r.format());
        assertEquals(4096, r.virtualSize());
        assertEquals(Files.size(top), r.fileSize());
        assertEquals(0, new org.vdiskdoctor.core.DiagnosisResult(List.of(r)).exitCode());
    }

    @Test
    void wholeChainIsFollowedAndChecked() throws IOException {
        image("base.img");
        image("mid.img", "parent=base.img", "parent-format=chain");
        Path top = image("top.img", "parent=mid.img");
        SubjectResult r = run(top);
        assertEquals(List.of(), r.findings());
        assertEquals(List.of(new ChainLink(top, null, "chain"), new ChainLink(vm.resolve("mid.img"), "mid.img", "chain"),
                new ChainLink(vm.resolve("base.img"), "base.img", "chain")), r.chain());
        assertEquals(List.of(top, vm.resolve("mid.img"), vm.resolve("base.img")), chain.opened);
    }

    @Test
    void parentIdentityAndSizeAreComparedWhenTheChildRecordsThem() throws IOException {
        image("base.img", "size=4096", "id=aaaa");
        Path good = image("good.img", "size=4096", "parent=base.img", "parent-id=AAAA", "same-size=true");
        assertEquals(List.of(), run(good).findings(), "ids compare case-insensitively (GUIDs)");

        Path wrongId = image("wrong-id.img", "size=4096", "parent=base.img", "parent-id=bbbb");
        Finding f = only(run(wrongId));
        assertEquals(CoreCodes.CHAIN_PARENT_ID_MISMATCH, f.code());
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("id bbbb") && f.message().contains("has aaaa"), f.message());

        Path wrongSize = image("wrong-size.img", "size=8192", "parent=base.img", "parent-id=aaaa", "same-size=true");
        f = only(run(wrongSize));
        assertEquals(CoreCodes.CHAIN_PARENT_SIZE_MISMATCH, f.code());
        assertTrue(f.message().contains("8192") && f.message().contains("4096"), f.message());

        Path qcowLike = image("grown.img", "size=8192", "parent=base.img");
        assertEquals(List.of(), run(qcowLike).findings(), "a format that allows a different size says nothing");

        Path noIdOnParent = image("mid.img", "size=4096", "parent=good.img", "parent-id=cccc");
        assertEquals(List.of(), run(noIdOnParent).findings(), "nothing to compare when the parent has no id");
    }

    @Test
    void backingMissing() throws IOException {
        Path top = image("top.img", "parent=gone.img");
        SubjectResult r = run(top);
        Finding f = only(r);
        assertEquals(CoreCodes.CHAIN_BACKING_MISSING, f.code());
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("'gone.img'") && f.message().contains(vm.resolve("gone.img").toString()),
                f.message());
        // the evidence is where the name is stored in the child
        assertEquals(List.of(Evidence.of(top, "CHAIN1\nparent=".length(), "gone.img".length())), f.evidence());
        assertEquals(new ChainLink(null, "gone.img", null), r.chain().get(1));
        assertFalse(r.chain().get(1).resolved());
        assertEquals(2, new org.vdiskdoctor.core.DiagnosisResult(List.of(r)).exitCode());
    }

    @Test
    void backingEscapingTheFolderIsNotOpened() throws IOException {
        Path secret = Fixtures.write(outside.resolve("x"), chain.header());
        Path top = image("top.img", "parent=../outside/x");
        SubjectResult r = run(top);
        Finding f = only(r);
        assertEquals(CoreCodes.CHAIN_BACKING_ESCAPE, f.code());
        assertTrue(f.message().contains(secret.toString()), f.message());
        assertFalse(chain.opened.contains(secret), "a file outside the allowed folders was opened");
        assertEquals(new ChainLink(null, "../outside/x", null), r.chain().get(1));
    }

    @Test
    void escapeIsFollowedWhenAllowed() throws IOException {
        Path secret = Fixtures.write(outside.resolve("x"), chain.header());
        Path top = image("top.img", "parent=../outside/x");
        SubjectResult extra = run(top, DiagnosisOptions.defaults().withAllowed(List.of(outside), false));
        assertEquals(List.of(), extra.findings());
        assertEquals(secret, extra.chain().get(1).path());
        SubjectResult anywhere = run(top, DiagnosisOptions.defaults().withAllowed(List.of(), true));
        assertEquals(List.of(), anywhere.findings());
    }

    @Test
    void cycleOfTwo() throws IOException {
        image("b.img", "parent=a.img");
        Path a = image("a.img", "parent=b.img");
        SubjectResult r = run(a);
        Finding f = only(r);
        assertEquals(CoreCodes.CHAIN_CYCLE, f.code());
        assertEquals(3, r.chain().size());
        assertEquals(a, r.chain().get(2).path());
        // each image opened once: the loop is seen before a is opened again
        assertEquals(List.of(a, vm.resolve("b.img")), chain.opened);
    }

    @Test
    void imageThatIsItsOwnParent() throws IOException {
        Path self = image("self.img", "parent=self.img");
        SubjectResult r = run(self);
        assertEquals(CoreCodes.CHAIN_CYCLE, only(r).code());
        assertEquals(List.of(self), chain.opened);
    }

    @Test
    void cycleThroughASymlinkedName() throws IOException {
        Path a = image("a.img", "parent=alias.img");
        Files.createSymbolicLink(vm.resolve("alias.img"), Path.of("a.img"));
        assertEquals(CoreCodes.CHAIN_CYCLE, only(run(a)).code());
    }

    @Test
    void depthLimit() throws IOException {
        image("l0.img");
        for (int i = 1; i <= 4; i++) image("l" + i + ".img", "parent=l" + (i - 1) + ".img");
        Path top = vm.resolve("l4.img");

        SubjectResult limited = run(top, DiagnosisOptions.defaults().withMaxChainDepth(2));
        Finding f = only(limited);
        assertEquals(CoreCodes.CHAIN_TOO_DEEP, f.code());
        assertTrue(f.message().contains("limit 2"), f.message());
        assertEquals(4, limited.chain().size()); // top, two parents, the one not followed
        assertEquals(new ChainLink(null, "l1.img", null), limited.chain().get(3));

        SubjectResult exact = run(top, DiagnosisOptions.defaults().withMaxChainDepth(4));
        assertEquals(List.of(), exact.findings());
        assertEquals(5, exact.chain().size());
    }

    @Test
    void formatMismatchIsReportedAndTheChainContinues() throws IOException {
        Fixtures.write(vm.resolve("base.img"), other.header());
        Path top = image("top.img", "parent=base.img", "parent-format=chain");
        SubjectResult r = run(top);
        Finding f = only(r);
        assertEquals(CoreCodes.CHAIN_FORMAT_MISMATCH, f.code());
        assertTrue(f.message().contains("chain") && f.message().contains("other"), f.message());
        assertEquals(new ChainLink(vm.resolve("base.img"), "base.img", "other"), r.chain().get(1));
    }

    @Test
    void nulInTheStoredName() throws IOException {
        Path top = image("top.img", "parent=base.img\0junk");
        Finding f = only(run(top));
        assertEquals(CoreCodes.CHAIN_BACKING_INVALID_NAME, f.code());
        assertTrue(f.message().contains("base.img\\x00junk"), f.message());
    }

    @Test
    void backingThatIsAFifoIsNotOpened() throws Exception {
        Fixtures.mkfifo(vm.resolve("pipe.img"));
        Path top = image("top.img", "parent=pipe.img");
        SubjectResult r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(top));
        Finding f = only(r);
        assertEquals(CoreCodes.CHAIN_BACKING_UNREADABLE, f.code());
        assertTrue(f.message().contains("fifo"), f.message());
    }

    @Test
    void emptyBacking() throws IOException {
        Files.createFile(vm.resolve("base.img"));
        Path top = image("top.img", "parent=base.img");
        SubjectResult r = run(top);
        assertEquals(List.of("core.file.empty", "core.chain.backing-unreadable"), Fixtures.codes(r));
    }

    @Test
    void unrecognisedBacking() throws IOException {
        Fixtures.write(vm.resolve("base.img"), "not a known format");
        Path top = image("top.img", "parent=base.img");
        SubjectResult r = run(top);
        assertEquals(List.of("core.format.unrecognised", "core.chain.backing-unreadable"), Fixtures.codes(r));
        assertNull(r.chain().get(1).format());
    }
}
