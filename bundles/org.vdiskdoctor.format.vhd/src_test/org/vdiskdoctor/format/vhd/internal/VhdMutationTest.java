// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same mutations as {@link VhdMutationMain}, in this JVM with another seed, through the test fixture's checks
 * (every finding declared, naming the file, with evidence): nothing may throw, and most mutants must give findings.
 */
class VhdMutationTest {

    private static final long SEED = 0x0dd_f00dL;
    private static final int ITERATIONS = 800;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void mutatedImagesNeverThrow() throws Exception {
        List<VhdMutationMain.Source> sources = VhdMutationMain.sources(dir);
        Random rnd = new Random(SEED);
        Path f = dir.resolve("mutant.vhd");
        int withFindings = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            VhdMutationMain.Source s = sources.get(i % sources.size());
            Files.write(f, VhdMutationMain.mutate(s, rnd));
            try {
                if (!VhdFixture.run(f).findings().isEmpty()) withFindings++;
                VhdMutationMain.runOnce(f);
            } catch (Throwable e) {
                Files.copy(f, dir.resolve("failing-" + i + ".vhd"));
                fail("iteration " + i + " (seed " + SEED + ", " + s.name() + ") threw " + e, e);
            }
        }
        assertTrue(withFindings > ITERATIONS / 2, "most mutants should give findings: " + withFindings);
    }
}
