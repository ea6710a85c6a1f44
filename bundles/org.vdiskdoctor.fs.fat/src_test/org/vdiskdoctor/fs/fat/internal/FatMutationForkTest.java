// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.fat.internal;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.testing.MutationFork;

/**
 * Runs {@link FatMutationMain} in a JVM of its own with a 256 MiB heap, so that an allocation sized by a damaged
 * boot sector (an OutOfMemoryError) or a hang fails this test instead of hiding in a big test heap.
 */
class FatMutationForkTest {

    private static final long SEED = 0xfa7_5eedL;
    private static final int ITERATIONS = 1500;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void mutatedBootSectorsAndFatsNeverThrowHangOrAllocateBig() throws Exception {
        MutationFork.run(FatMutationMain.class, SEED, ITERATIONS, dir);
    }
}
