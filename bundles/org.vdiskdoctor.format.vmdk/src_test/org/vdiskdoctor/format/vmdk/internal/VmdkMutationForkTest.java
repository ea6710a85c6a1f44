// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                VmdkMutationMain.class.getName(), Long.toString(SEED), Integer.toString(ITERATIONS), dir.toString());
        Object[] r = VmdkFixture.exec(dir, cmd);
        System.out.println(r[1]);
        assertEquals(0, r[0], () -> "the forked mutation loop failed:\n" + r[1]);
        assertTrue(r[1].toString().contains(ITERATIONS + " iterations"), r[1]::toString);
    }
}
