// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vdiskdoctor.cli.ExitCodes;
import org.vdiskdoctor.cli.VDiskDoctorCli;
import org.vdiskdoctor.core.ChainLink;
import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.SubjectKind;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.core.engine.DiagnosisEngine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The renderings of a result, without OSGi: JSON fields and nulls, text lines, sizes, usage exit codes. */
class ReportTest {

    private static SubjectResult result() {
        Path img = Path.of("/vm/child.qcow2");
        Finding missing = Finding.of(CoreCodes.CHAIN_BACKING_MISSING, "backing file 'base.qcow2' does not exist")
                .severity(Severity.ERROR).at(img, 512, 10).build();
        Finding perm = Finding.of(CoreCodes.FILE_PERMISSION_DENIED, "denied").severity(Severity.WARNING)
                .file(img).build();
        return new SubjectResult(img, SubjectKind.IMAGE, "qcow2", 1 << 20, 12_352,
                List.of(new ChainLink(img, null, "qcow2"), new ChainLink(null, "base.qcow2", null)),
                List.of(missing, perm), null, false, Duration.ofMillis(5));
    }

    @Test
    void jsonHasEveryDocumentedFieldAndNullsForWholeFileEvidence() throws Exception {
        StringWriter buf = new StringWriter();
        try (JsonReport r = JsonReport.start(new PrintWriter(buf), "1.2.3", FindingCatalog.empty())) {
            r.subject(result(), false);
            r.finish(List.of(result()));
        }
        JsonNode doc = new ObjectMapper().readTree(buf.toString());
        assertEquals(1, doc.get("schemaVersion").asInt());
        assertEquals("1.2.3", doc.at("/tool/version").asText());
        JsonNode s = doc.at("/subjects/0");
        assertEquals("error", s.get("worstSeverity").asText());
        assertEquals("base.qcow2", s.at("/chain/1/reference").asText());
        assertTrue(s.at("/chain/1/path").isNull());
        assertEquals(512, s.at("/findings/0/evidence/0/offset").asLong());
        assertTrue(s.at("/findings/1/evidence/0/offset").isNull(), "whole-file evidence has a null offset");
        assertTrue(s.at("/findings/0/title").isNull(), "no catalog entry: title is null, not missing");
        assertEquals(2, doc.get("exitCode").asInt());
        assertEquals(1, doc.at("/summary/warnings").asInt());
    }

    @Test
    void textNamesVerdictChainCodeAndEvidence() {
        StringWriter buf = new StringWriter();
        TextReport t = new TextReport(new PrintWriter(buf), FindingCatalog.empty());
        t.subject(result());
        t.summary(List.of(result()));
        String out = buf.toString();
        assertTrue(out.startsWith("/vm/child.qcow2: qcow2, 1.0 MiB virtual, 12.1 KiB file — ERROR"), out);
        assertTrue(out.contains("chain: child.qcow2 [qcow2] -> 'base.qcow2' (unresolved)"), out);
        assertTrue(out.contains("offset 512 (0x200), 10 bytes"), out);
        assertTrue(out.contains("1 subject: 1 error, 1 warning, 0 info — exit code 2"), out);
    }

    @Test
    void sizesAreBinaryUnits() {
        assertEquals("512 B", TextReport.size(512));
        assertEquals("1.0 KiB", TextReport.size(1024));
        assertEquals("16.0 MiB", TextReport.size(16L << 20));
        assertEquals("8.0 EiB", TextReport.size(Long.MAX_VALUE));
    }

    @Test
    void usageErrorsAre64AndGoToStderr() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        DiagnosisEngine none = new DiagnosisEngine(List.of(), List.of(), List.of(), FindingCatalog.empty());
        VDiskDoctorCli.Context ctx = new VDiskDoctorCli.Context(() -> none, "t", false);
        assertEquals(ExitCodes.USAGE, VDiskDoctorCli.run(new String[] { "diagnose", "--max-chain-depth", "-1", "x" },
                ctx, new PrintWriter(out), new PrintWriter(err)));
        assertEquals("", out.toString());
        assertTrue(err.toString().contains("--max-chain-depth must be >= 0"), err.toString());
        assertEquals(ExitCodes.USAGE, VDiskDoctorCli.run(new String[] {}, ctx, new PrintWriter(out),
                new PrintWriter(err)));
    }
}
