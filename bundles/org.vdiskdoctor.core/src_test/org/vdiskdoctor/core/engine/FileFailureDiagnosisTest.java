// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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

/**
 * The two file findings the other file-kind tests leave out: a path the file system cannot even resolve for a reason
 * that is none of missing, denied or a link loop ({@code core.file.unsupported-type}), and an I/O error while a
 * driver reads ({@code core.file.io-error}).
 */
class FileFailureDiagnosisTest {

    @TempDir
    Path tmp;
    FakeDriver chain = FakeDriver.chain();

    private SubjectResult run(Path p) {
        DiagnosisResult r = Fixtures.engine(chain).diagnose(List.of(p), DiagnosisOptions.defaults(), Monitor.NONE);
        assertEquals(1, r.subjects().size());
        return r.subjects().get(0);
    }

    private static Finding only(SubjectResult r) {
        assertEquals(1, r.findings().size(), r.findings().toString());
        return r.findings().get(0);
    }

    @Test
    void pathThroughARegularFileIsNotAFileThisToolCanRead() throws IOException {
        Path file = Fixtures.write(tmp.resolve("disk.img"), chain.header());
        // fault: a path that uses a regular file as a folder; resolving it fails with ENOTDIR, which is neither
        // missing, denied nor a link loop
        Path through = file.resolve("inner.img");
        SubjectResult r = run(through);
        Finding f = only(r);
        assertEquals(CoreCodes.FILE_UNSUPPORTED_TYPE, f.code());
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().startsWith(through + " is not a regular file or block device: "), f.message());
        assertEquals(SubjectKind.OTHER, r.kind());
        assertTrue(chain.opened.isEmpty());
    }

    @Test
    void ioErrorWhileCheckingIsReportedAsSuch() throws IOException {
        // fault: the driver's read fails the way a bad sector does (EIO arrives as a plain IOException)
        chain.onCheck((img, sink, m) -> {
            throw new IOException("Input/output error");
        });
        Path file = Fixtures.write(tmp.resolve("disk.img"), chain.header());
        SubjectResult r = run(file);
        Finding f = only(r);
        assertEquals(CoreCodes.FILE_IO_ERROR, f.code());
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().endsWith(": IOException: Input/output error"), f.message());
        assertFalse(r.toolFailure());
    }
}
