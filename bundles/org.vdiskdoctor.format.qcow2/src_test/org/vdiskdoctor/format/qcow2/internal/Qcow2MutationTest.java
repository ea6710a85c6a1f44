// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.create;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile headers: a fixed-seed loop of bit flips, random bytes, boundary values in header fields and truncations
 * over the first 512 bytes of real images. Open, check and describe must never throw (not even
 * OutOfBoundsReadException: every header field is bounds-checked first) and must stay fast.
 */
class Qcow2MutationTest {

    private static final long SEED = 0x5eed_0c0f2L;
    private static final int ITERATIONS = 2000;
    private static final int[] U32_FIELDS = { 4, 16, 20, 32, 36, 56, 60, 96, 100 };
    private static final int[] U64_FIELDS = { 8, 24, 40, 48, 64, 72, 80, 88 };
    private static final long[] U32_VALUES = { 0, 1, 2, 3, 7, 8, 9, 21, 22, 40, 63, 64, 72, 104, 112, 511, 512,
            1023, 1024, 65536, 0x7fffffffL, 0x80000000L, 0xffffffffL };
    private static final long[] U64_VALUES = { 0, 1, 0x200, 0x10000, 0x30000, 0x30008, 1L << 40, Long.MAX_VALUE,
            Long.MIN_VALUE, -1L, -8L, -0x10000L };

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void mutatedHeadersNeverThrow() throws Exception {
        create(dir, "base.qcow2");
        List<byte[]> originals = List.of(
                Files.readAllBytes(create(dir, "a.qcow2", "-b", "base.qcow2", "-F", "qcow2", "-o",
                        "lazy_refcounts=on")),
                Files.readAllBytes(create(dir, "b.qcow2", "-b", "base.qcow2", "-F", "qcow2", "-o",
                        "cluster_size=512")),
                Files.readAllBytes(create(dir, "c.qcow2", "-o", "compat=0.10,cluster_size=4096")),
                Files.readAllBytes(create(dir, "d.qcow2", "-o", "data_file=d.raw,extended_l2=on")));
        Random rnd = new Random(SEED);
        Path f = dir.resolve("mutant.qcow2");
        long t0 = System.nanoTime();
        int withFindings = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] original = originals.get(i % originals.size());
            byte[] b = mutate(original, rnd);
            Files.write(f, b);
            try {
                if (!Qcow2Fixture.run(f).findings().isEmpty()) withFindings++;
            } catch (Throwable e) {
                Path keep = dir.resolve("failing-" + i + ".qcow2");
                Files.copy(f, keep);
                fail("iteration " + i + " (seed " + SEED + ", image " + (i % originals.size()) + ", " + b.length
                        + " bytes) threw " + e, e);
            }
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.println("qcow2 mutation loop: " + ITERATIONS + " iterations in " + ms + " ms, " + withFindings
                + " with findings");
        assertTrue(withFindings > ITERATIONS / 2, "most mutants should give findings: " + withFindings);
        assertTrue(ms < 20_000, "mutation loop took " + ms + " ms");
    }

    private static byte[] mutate(byte[] original, Random rnd) {
        byte[] b = original.clone();
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            switch (rnd.nextInt(5)) {
                case 0 -> b[rnd.nextInt(512)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[rnd.nextInt(512)] = (byte) rnd.nextInt(256);
                case 2 -> ByteBuffer.wrap(b).putInt(U32_FIELDS[rnd.nextInt(U32_FIELDS.length)],
                        (int) pick(U32_VALUES, rnd, b.length));
                case 3 -> ByteBuffer.wrap(b).putLong(U64_FIELDS[rnd.nextInt(U64_FIELDS.length)],
                        pick(U64_VALUES, rnd, b.length));
                default -> ByteBuffer.wrap(b).putInt(104 + 4 * rnd.nextInt(100), (int) pick(U32_VALUES, rnd,
                        b.length)); // extension types and lengths
            }
        }
        if (rnd.nextInt(8) == 0) {
            int[] cuts = { 0, 3, 4, 7, 8, 71, 72, 103, 104, 111, 112, 200, 512, 4095, 65535 };
            int len = rnd.nextBoolean() ? cuts[rnd.nextInt(cuts.length)] : rnd.nextInt(b.length + 1);
            b = Arrays.copyOf(b, Math.min(len, b.length));
        }
        return b;
    }

    private static long pick(long[] values, Random rnd, long fileSize) {
        int i = rnd.nextInt(values.length + 2);
        if (i == values.length) return fileSize;
        if (i == values.length + 1) return rnd.nextLong();
        return values[i];
    }
}
