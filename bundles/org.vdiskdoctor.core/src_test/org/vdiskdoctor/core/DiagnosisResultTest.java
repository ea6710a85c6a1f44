// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class DiagnosisResultTest {

    private static final FindingCode CODE = FindingCode.of("core.file.missing");

    private static SubjectResult subject(boolean toolFailure, Severity... severities) {
        List<Finding> findings = java.util.Arrays.stream(severities)
                .map(s -> Finding.of(CODE, "m").severity(s).build()).toList();
        return new SubjectResult(Path.of("/x"), SubjectKind.IMAGE, null, -1, -1, List.of(), findings, null,
                toolFailure, Duration.ZERO);
    }

    private static int exit(SubjectResult... s) {
        return new DiagnosisResult(List.of(s)).exitCode();
    }

    @Test
    void nothingOrInfoIsZero() {
        assertEquals(0, exit());
        assertEquals(0, exit(subject(false)));
        assertEquals(0, exit(subject(false, Severity.INFO, Severity.INFO)));
    }

    @Test
    void warningsAreThree() {
        assertEquals(3, exit(subject(false, Severity.INFO, Severity.WARNING)));
        assertEquals(3, exit(subject(false), subject(false, Severity.WARNING)));
    }

    @Test
    void errorsAreTwoAndBeatWarnings() {
        assertEquals(2, exit(subject(false, Severity.ERROR)));
        assertEquals(2, exit(subject(false, Severity.WARNING), subject(false, Severity.ERROR)));
        assertEquals(2, exit(subject(false, Severity.ERROR), subject(false, Severity.WARNING)));
    }

    @Test
    void toolFailureIsOneAndBeatsEverything() {
        assertEquals(1, exit(subject(true)));
        assertEquals(1, exit(subject(false, Severity.ERROR), subject(true, Severity.INFO)));
        assertEquals(1, exit(subject(true, Severity.WARNING), subject(false, Severity.ERROR)));
    }

    @Test
    void worstAndCounts() {
        SubjectResult s = subject(false, Severity.INFO, Severity.ERROR, Severity.WARNING, Severity.ERROR);
        assertEquals(Severity.ERROR, s.worst());
        assertEquals(2, s.count(Severity.ERROR));
        assertEquals(true, s.has(CODE));
        assertNull(subject(false).worst());
    }

    @Test
    void findingCodeShape() {
        assertEquals("qcow2", FindingCode.of("qcow2.refcount.leak").domain());
        assertThrows(IllegalArgumentException.class, () -> FindingCode.of("qcow2.leak"));
        assertThrows(IllegalArgumentException.class, () -> FindingCode.of("Qcow2.refcount.leak"));
        assertThrows(IllegalArgumentException.class, () -> FindingCode.of("qcow2.refcount.leak-"));
    }

    @Test
    void evidenceRejectsNegativeRanges() {
        assertThrows(IllegalArgumentException.class, () -> Evidence.of(Path.of("/x"), -2, 1));
        assertThrows(IllegalArgumentException.class, () -> Evidence.of(Path.of("/x"), 0, -1));
    }
}
