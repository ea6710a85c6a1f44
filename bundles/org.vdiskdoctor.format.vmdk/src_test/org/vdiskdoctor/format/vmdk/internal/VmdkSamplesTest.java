// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * The committed VMDK samples give the codes samples/EXPECTED lists for them, through the engine with this driver
 * alone (the system tests check the same with the whole product and a fresh run of make-samples.sh).
 */
class VmdkSamplesTest {

    @Test
    void vmdkSamplesGiveTheirExpectedCodes() throws Exception {
        Path repo = Path.of(System.getProperty("vdiskdoctor.repo"));
        DiagnosisEngine engine = new DiagnosisEngine(java.util.List.of(new VmdkDriver()), java.util.List.of(),
                java.util.List.of(), VmdkFixture.catalog());
        int seen = 0;
        for (String line : Files.readAllLines(repo.resolve("samples/EXPECTED"))) {
            String[] w = line.trim().split("\\s+");
            if (line.startsWith("#") || w.length < 3 || !w[0].endsWith(".vmdk")) continue;
            SubjectResult r = engine.diagnoseImage(repo.resolve("samples").resolve(w[0]), DiagnosisOptions.defaults(),
                    Monitor.NONE);
            Set<String> codes = new TreeSet<>();
            for (Finding f : r.findings()) codes.add(f.code().value());
            Set<String> expected = new TreeSet<>(java.util.List.of(w).subList(2, w.length));
            expected.remove("-");
            assertEquals(expected, codes, w[0]);
            seen++;
        }
        assertFalse(seen == 0, "samples/EXPECTED lists no .vmdk sample");
    }
}
