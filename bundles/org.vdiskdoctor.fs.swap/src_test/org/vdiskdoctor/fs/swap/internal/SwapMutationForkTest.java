// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.swap.internal;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.testing.MutationFork;

/**
 * Runs {@link SwapMutationMain} in a JVM of its own with a 256 MiB heap, so that an allocation sized by a damaged
 * swap header (an OutOfMemoryError) or a hang fails this test instead of hiding in a big test heap.
 */
class SwapMutationForkTest {

    private static final long SEED = 0x5_a9_5eedL;
    private static final int ITERATIONS = 3000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void mutatedFilesystemsNeverThrowHangOrAllocateBig() throws Exception {
        MutationFork.run(SwapMutationMain.class, SEED, ITERATIONS, dir);
    }
}
