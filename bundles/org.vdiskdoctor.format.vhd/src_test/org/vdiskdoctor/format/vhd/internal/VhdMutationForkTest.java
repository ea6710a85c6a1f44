// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link VhdMutationMain} in a JVM of its own with a 256 MiB heap, so that an allocation sized by a damaged
 * field (an OutOfMemoryError) or a hang fails this test instead of hiding in a big test heap.
 */
class VhdMutationForkTest {

    private static final long SEED = 0x5eed_0f0dL;
    private static final int ITERATIONS = 800;

    @TempDir
    Path dir;

    @Test
    void mutatedImagesNeverThrowHangOrAllocateBig() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx256m", "-Dvdiskdoctor.repo=" + System.getProperty("vdiskdoctor.repo"),
                "-cp", System.getProperty("java.class.path"), VhdMutationMain.class.getName(), Long.toString(SEED),
                Integer.toString(ITERATIONS), dir.toString());
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the forked mutation loop did not end");
        System.out.println(out);
        assertEquals(0, p.exitValue(), () -> "the forked mutation loop failed:\n" + out);
        assertTrue(out.contains(ITERATIONS + " iterations"), out);
    }
}
