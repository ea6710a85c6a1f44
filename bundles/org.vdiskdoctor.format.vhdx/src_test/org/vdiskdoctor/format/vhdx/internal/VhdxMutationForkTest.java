// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.testing.MutationFork;

/**
 * Runs {@link VhdxMutationMain} in a JVM of its own with a 256 MiB heap, so that an allocation sized by a damaged
 * field (an OutOfMemoryError) or a hang fails this test instead of hiding in a big test heap.
 */
class VhdxMutationForkTest {

    private static final long SEED = 0x7bd8_f11eL;
    private static final int ITERATIONS = 600;

    @TempDir
    Path dir;

    @Test
    void mutatedStructuresNeverThrowHangOrAllocateBig() throws Exception {
        MutationFork.run(VhdxMutationMain.class, SEED, ITERATIONS, dir);
    }
}
