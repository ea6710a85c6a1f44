// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.testing.MutationFork;

/**
 * Runs {@link VdiMutationMain} in a JVM of its own with a 256 MiB heap, so that an allocation sized by a damaged
 * header (an OutOfMemoryError) or a hang fails this test instead of hiding in a big test heap.
 */
class VdiMutationForkTest {

    private static final long SEED = 0x5eed_0d1L;
    private static final int ITERATIONS = 1200;

    @TempDir
    Path dir;

    @Test
    void mutatedImagesNeverThrowHangOrAllocateBig() throws Exception {
        MutationFork.run(VdiMutationMain.class, SEED, ITERATIONS, dir);
    }
}
