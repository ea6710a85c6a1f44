// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.testing.FakeDriver;
import org.vdiskdoctor.core.testing.Fixtures;

/** What the engine says about paths that are not a healthy image file, and about severities. */
class FileKindDiagnosisTest {

    @TempDir
    Path tmp;
    FakeDriver chain = FakeDriver.chain();
    DiagnosisEngine engine;

    @BeforeEach
    void setUp() {
        engine = Fixtures.engine(chain);
    }

    private SubjectResult run(Path p) {
        DiagnosisResult r = engine.diagnose(List.of(p), DiagnosisOptions.defaults(), Monitor.NONE);
        assertEquals(1, r.subjects().size());
        return r.subjects().get(0);
    }

    private static Finding only(SubjectResult r) {
        assertEquals(1, r.findings().size(), r.findings().toString());
        return r.findings().get(0);
    }

    @Test
    void missingFile() {
        SubjectResult r = run(tmp.resolve("nope.img"));
        assertEquals(CoreCodes.FILE_MISSING, only(r).code());
        assertEquals(SubjectKind.OTHER, r.kind());
        assertEquals(List.of(), r.chain());
        assertEquals(2, new DiagnosisResult(List.of(r)).exitCode());
    }

    @Test
    void danglingSymlink() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("d.img"), tmp.resolve("gone.img"));
        Finding f = only(run(link));
        assertEquals(CoreCodes.FILE_MISSING, f.code());
        assertTrue(f.message().contains("dangling"), f.message());
    }

    @Test
    void zeroLengthFile() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.img"));
        SubjectResult r = run(empty);
        Finding f = only(r);
        assertEquals(CoreCodes.FILE_EMPTY, f.code());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(SubjectKind.IMAGE, r.kind());
        assertFalse(r.toolFailure());
        assertTrue(chain.opened.isEmpty());
    }

    @Test
    void unrecognisedFileIsAWarning() throws IOException {
        Path junk = Fixtures.write(tmp.resolve("junk.img"), "nothing known");
        SubjectResult r = run(junk);
        assertEquals(CoreCodes.FORMAT_UNRECOGNISED, only(r).code());
        assertEquals(Severity.WARNING, only(r).severity());
        assertNull(r.format());
        assertEquals(3, new DiagnosisResult(List.of(r)).exitCode());
    }

    @Test
    void fifoReturnsPromptlyWithoutOpening() throws Exception {
        Path fifo = tmp.resolve("pipe.img");
        Fixtures.mkfifo(fifo);
        // opening a FIFO for reading blocks until a writer comes: a hang here means the engine opened it
        SubjectResult r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(fifo));
        assertEquals(CoreCodes.FILE_FIFO, only(r).code());
        assertEquals(SubjectKind.OTHER, r.kind());
    }

    @Test
    void characterDevice() {
        SubjectResult r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(Path.of("/dev/zero")));
        assertEquals(CoreCodes.FILE_CHAR_DEVICE, only(r).code());
    }

    @Test
    void socket() throws IOException {
        Path sock = tmp.resolve("s.sock");
        try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(sock));
            assertEquals(CoreCodes.FILE_SOCKET, only(run(sock)).code());
        }
    }

    @Test
    void symlinkLoop() throws IOException {
        Files.createSymbolicLink(tmp.resolve("a.img"), Path.of("b.img"));
        Files.createSymbolicLink(tmp.resolve("b.img"), Path.of("a.img"));
        assertEquals(CoreCodes.FILE_SYMLINK_LOOP, only(run(tmp.resolve("a.img"))).code());
    }

    @Test
    void defaultSeverityComesFromTheCatalog() throws IOException {
        chain.onCheck((img, sink, m) -> {
            sink.report(Finding.of(Fixtures.TEST_NOTE, "declared info, no severity given").build());
            sink.report(Finding.of(Fixtures.TEST_NOTE, "explicit severity wins").severity(Severity.ERROR).build());
            sink.report(Finding.of(Fixtures.TEST_UNDECLARED, "undeclared code").build());
            sink.report(Finding.of(CoreCodes.FILE_TRUNCATED, "core code, no severity").build());
        });
        SubjectResult r = run(Fixtures.write(tmp.resolve("a.img"), chain.header()));
        assertEquals(List.of(Severity.INFO, Severity.ERROR, Severity.WARNING, Severity.ERROR),
                r.findings().stream().map(Finding::severity).toList());
    }

    @Test
    void infoFindingsExitZero() throws IOException {
        chain.onCheck((img, sink, m) -> sink.report(Finding.of(Fixtures.TEST_NOTE, "fyi").build()));
        DiagnosisResult r = engine.diagnose(List.of(Fixtures.write(tmp.resolve("a.img"), chain.header())),
                DiagnosisOptions.defaults(), Monitor.NONE);
        assertEquals(0, r.exitCode());
    }

    @Test
    void readPastTheEndIsTruncated() throws IOException {
        Path img = Fixtures.write(tmp.resolve("a.img"), chain.header());
        long size = Files.size(img);
        chain.onCheck((i, sink, m) -> i.source().read(size - 2, 8));
        SubjectResult r = run(img);
        Finding f = only(r);
        assertEquals(CoreCodes.FILE_TRUNCATED, f.code());
        assertEquals(size - 2, f.evidence().get(0).offset());
        assertFalse(r.toolFailure());
    }

    @Test
    void negativeOffsetFromADamagedFieldIsTruncatedNotACrash() throws IOException {
        // a u64 offset field of 0xFFFF... read into a long is negative; Evidence refuses negative ranges
        chain.onCheck((i, sink, m) -> i.source().read(0xFFFF_FFFF_FFFF_F000L, 512));
        SubjectResult r = run(Fixtures.write(tmp.resolve("a.img"), chain.header()));
        Finding f = only(r);
        assertEquals(CoreCodes.FILE_TRUNCATED, f.code());
        assertFalse(f.evidence().get(0).hasRange());
        assertFalse(r.toolFailure());
    }

    @Test
    void describeOnlyWhenAsked() throws IOException {
        Path img = Fixtures.write(tmp.resolve("a.img"), chain.header());
        assertNull(run(img).structure());
        SubjectResult r = engine.diagnose(List.of(img), DiagnosisOptions.defaults().withDescribe(true), Monitor.NONE)
                .subjects().get(0);
        assertNotNull(r.structure());
        assertEquals("CHAIN1", r.structure().find("magic").value());
    }
}
