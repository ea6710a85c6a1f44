// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** The bundled samples give the documented findings and exit codes, and the samples script reproduces them. */
class SamplesTest {

    @Test
    void folderDiagnosisInJsonMatchesExpected() throws Exception {
        Cli.Result r = Cli.run("diagnose", "--json", "samples");
        assertEquals(2, r.exit(), r.err());
        assertEquals(Expected.load(), bySample(r.json()), "findings per sample (samples/EXPECTED)");
    }

    @Test
    void eachSampleAloneGivesItsExitCodeAndCodes() throws Exception {
        for (Map.Entry<String, Expected> e : Expected.load().entrySet()) {
            Cli.Result r = Cli.run("diagnose", "samples/" + e.getKey());
            assertEquals(e.getValue().exit(), r.exit(), e.getKey() + ":\n" + r.out() + r.err());
            for (String code : e.getValue().codes()) {
                assertTrue(r.out().contains(code), e.getKey() + " should report " + code + ":\n" + r.out());
            }
            assertTrue(r.out().contains("exit code " + e.getValue().exit()), r.out());
        }
    }

    @Test
    void samplesScriptReproducesTheSameFindings(@TempDir Path tmp) throws Exception {
        Path fresh = tmp.resolve("samples");
        Cli.sh(Cli.REPO, "bash", "releng/samples/make-samples.sh", fresh.toString());
        Cli.Result r = Cli.run("diagnose", "--json", fresh.toString());
        Map<String, Expected> got = bySample(r.json());
        assertEquals(Expected.load(), got, "a fresh run of make-samples.sh must give what samples/EXPECTED says");
    }

    /** Per sample file name: the exit class its findings alone give, and its codes. */
    static Map<String, Expected> bySample(JsonNode doc) {
        assertEquals(1, doc.get("schemaVersion").asInt());
        Map<String, Expected> m = new HashMap<>();
        for (JsonNode s : doc.get("subjects")) {
            if (!s.get("kind").asText().equals("image") && !s.get("kind").asText().equals("other")) continue;
            Set<String> codes = new TreeSet<>();
            for (JsonNode f : s.get("findings")) codes.add(f.get("code").asText());
            String worst = s.path("worstSeverity").asText("");
            int exit = s.get("toolFailure").asBoolean() ? 1
                    : worst.equals("error") ? 2 : worst.equals("warning") ? 3 : 0;
            m.put(Path.of(s.get("path").asText()).getFileName().toString(), new Expected(exit, codes));
        }
        return new java.util.TreeMap<>(m);
    }
}
