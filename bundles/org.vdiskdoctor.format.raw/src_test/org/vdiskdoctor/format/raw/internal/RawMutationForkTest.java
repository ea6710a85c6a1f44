// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.raw.internal;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.testing.MutationFork;
import org.vdiskdoctor.testing.Tools;

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
        Tools.run("sgdisk", "-a", "1", "-n", "1:34:200", src.toString());
        Tools.run("qemu-io", "-f", "raw", "-c", "write -q -P 0xab 64k 4k", src.toString());
        MutationFork.run(RawMutationMain.class, SEED, ITERATIONS, dir, src.toString());
    }
}
