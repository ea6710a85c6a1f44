// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.testing.MutationFork;

/**
 * Runs {@link NtfsMutationMain} in a JVM of its own with a 256 MiB heap, so that an allocation sized by a damaged
 * boot sector (an OutOfMemoryError) or a hang fails this test instead of hiding in a big test heap.
 */
class NtfsMutationForkTest {

    private static final long SEED = 0x47f5_5eedL;
    private static final int ITERATIONS = 1500;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void mutatedBootSectorsAndMftRecordsNeverThrowHangOrAllocateBig() throws Exception {
        MutationFork.run(NtfsMutationMain.class, SEED, ITERATIONS, dir);
    }
}
