// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.testing.MutationFork;

/**
 * Runs {@link Qcow2MutationMain} in a JVM of its own with a 256 MiB heap, so that an allocation sized by a damaged
 * table (an OutOfMemoryError) or a hang fails this test instead of hiding in a big test heap.
 */
class Qcow2MutationForkTest {

    private static final long SEED = 0x0c0f_2c4eL;
    private static final int ITERATIONS = 1000;

    @TempDir
    Path dir;

    @Test
    void mutatedTablesNeverThrowHangOrAllocateBig() throws Exception {
        MutationFork.run(Qcow2MutationMain.class, SEED, ITERATIONS, dir);
    }
}
