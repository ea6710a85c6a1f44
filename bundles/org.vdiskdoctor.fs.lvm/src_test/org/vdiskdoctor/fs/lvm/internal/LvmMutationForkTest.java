// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.lvm.internal;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.testing.MutationFork;

/**
 * Runs {@link LvmMutationMain} in a JVM of its own with a 256 MiB heap, so that an allocation sized by a damaged
 * PV header (an OutOfMemoryError) or a hang fails this test instead of hiding in a big test heap.
 */
class LvmMutationForkTest {

    private static final long SEED = 0x1_7a_5eedL;
    private static final int ITERATIONS = 3000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void mutatedFilesystemsNeverThrowHangOrAllocateBig() throws Exception {
        MutationFork.run(LvmMutationMain.class, SEED, ITERATIONS, dir);
    }
}
