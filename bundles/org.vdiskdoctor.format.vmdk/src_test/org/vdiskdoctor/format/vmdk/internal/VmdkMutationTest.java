// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The same mutation loop in the test JVM with another fixed seed: quick to debug, and it must stay fast. */
class VmdkMutationTest {

    private static final long SEED = 0x5eed_0d4dL;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mutatedImagesNeverThrow() throws Exception {
        String r = VmdkMutationMain.loop(SEED, 800, dir);
        System.out.println(r);
        assertTrue(r.startsWith("vmdk mutation loop: 800 iterations"), r);
        long withFindings = Long.parseLong(r.replaceAll(".* ms, (\\d+) with findings.*", "$1"));
        assertTrue(withFindings > 400, "most mutants should give findings: " + r);
    }
}
