// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.testing.MutationFork;

/**
 * Runs {@link VmdkMutationMain} in a JVM of its own with a 256 MiB heap, so that an allocation sized by a damaged
 * field (an OutOfMemoryError) or a hang fails this test instead of hiding in a big test heap.
 */
class VmdkMutationForkTest {

    private static final long SEED = 0x0dd_5eedL;
    private static final int ITERATIONS = 1000;

    @TempDir
    Path dir;

    @Test
    void mutatedImagesNeverThrowHangOrAllocateBig() throws Exception {
        MutationFork.run(VmdkMutationMain.class, SEED, ITERATIONS, dir);
    }
}
