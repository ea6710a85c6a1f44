// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.testing.Tools;

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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Tools.Run r = Tools.exec(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                NtfsMutationMain.class.getName(), Long.toString(SEED), Integer.toString(ITERATIONS), dir.toString());
        System.out.println(r.out());
        assertEquals(0, r.exit(), () -> "the forked mutation loop failed:\n" + r.out());
        assertTrue(r.out().contains(ITERATIONS + " iterations"), r.out());
    }
}
