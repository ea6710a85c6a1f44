// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.testing.MutationFork;

/**
 * Runs {@link XfsMutationMain} in a JVM of its own with a 256 MiB heap, so that an allocation sized by a damaged
 * field (an OutOfMemoryError) or a hang fails this test instead of hiding in a big test heap.
 */
class XfsMutationForkTest {

    private static final long SEED = 0x0f5_c0deL;
    private static final int ITERATIONS = 3000;

    @TempDir
    Path dir;

    @Test
    void mutatedMetadataNeverThrowsHangsOrAllocatesBig() throws Exception {
        String out = MutationFork.run(XfsMutationMain.class, SEED, ITERATIONS, dir);
        assertTrue(out.contains("xfs mutation loop: " + ITERATIONS + " iterations"), out);
    }
}
