// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.raw.internal;

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
 * Runs {@link RawMutationMain} in a JVM of its own with a 256 MiB heap, so that an allocation sized by a mutated
 * size (an OutOfMemoryError) or a hang fails this test instead of hiding in a big test heap. The source image: 128 KiB
 * of qemu-img raw with a GPT from sgdisk and data written by qemu-io.
 */
class RawMutationForkTest {

    private static final long SEED = 0x4a3_5eedL;
    private static final int ITERATIONS = 2000;

    @TempDir
    Path dir;

    @Test
    void mutatedImagesNeverThrowHangOrAllocateBig() throws Exception {
        Path src = RawFixtures.qemuImgRaw(dir.resolve("source.img"), "128K");
        RawFixtures.run("sgdisk", "-a", "1", "-n", "1:34:200", src.toString());
        RawFixtures.run("qemu-io", "-f", "raw", "-c", "write -q -P 0xab 64k 4k", src.toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                RawMutationMain.class.getName(), Long.toString(SEED), Integer.toString(ITERATIONS), dir.toString(),
                src.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the forked loop did not end");
        System.out.println(out);
        assertEquals(0, p.exitValue(), () -> "the forked mutation loop failed:\n" + out);
        assertTrue(out.contains(ITERATIONS + " iterations"), out);
    }
}
