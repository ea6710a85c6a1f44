// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.io.ImageSource;

/**
 * Hostile tables: a fixed-seed loop of random bytes in LBA 0-33 and the last 33 sectors of a healthy sgdisk disk,
 * boundary values in header fields (often with the header CRC made right again, so the checks behind it run too) and
 * truncations. The probe and describe must never throw and must stay fast.
 */
class GptMutationTest {

    private static final long SEED = 0x6d7_5eedL;
    private static final int ITERATIONS = 2000;
    private static final int[] U32_FIELDS = { 8, 12, 80, 84 };
    private static final int[] U64_FIELDS = { 24, 32, 40, 48, 72 };
    private static final long[] VALUES = { 0, 1, 2, 33, 34, 91, 92, 93, 128, 512, 513, 4096, 8191, 8192, 8193,
            0x7fffffffL, 0xffffffffL, Long.MAX_VALUE, -1L, Long.MIN_VALUE };

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mutatedTablesNeverThrow() throws Exception {
        Path f = dir.resolve("small.img");
        GptFixture.run("truncate", "-s", "1M", f.toString());
        GptFixture.run("sgdisk", "-n1:40:+200K", "-n2:0:+200K", "-n3:0:0", f.toString());
        byte[] original = Files.readAllBytes(f);
        int sectors = original.length / GptFixture.SECTOR;
        Random rnd = new Random(SEED);
        long t0 = System.nanoTime();
        int withProblems = 0;
        try (ImageSource src = ImageSource.open(f)) {
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] b = original.clone();
                int length = mutate(b, sectors, rnd);
                MemoryDisk disk = new MemoryDisk(src, b, length);
                try {
                    if (!GptFixture.problems(GptFixture.probe(disk)).isEmpty()) withProblems++;
                    if (length >= GptFixture.SECTOR) GptLayout.read(disk, org.vdiskdoctor.core.spi.Monitor.NONE)
                            .describe();
                } catch (Throwable e) {
                    Path keep = dir.resolve("failing-" + i + ".img");
                    Files.write(keep, Arrays.copyOf(b, length));
                    fail("iteration " + i + " (seed " + SEED + ", " + length + " bytes) threw " + e, e);
                }
            }
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.println("gpt mutation loop: " + ITERATIONS + " iterations in " + ms + " ms, " + withProblems
                + " with problems");
        assertTrue(withProblems > ITERATIONS / 2, "most mutants should give errors or warnings: " + withProblems);
        assertTrue(ms < 30_000, "mutation loop took " + ms + " ms");
    }

    /** Mutates {@code b} in place; returns the disk's new length (a truncation when shorter). */
    private static int mutate(byte[] b, int sectors, Random rnd) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            int headerLba = rnd.nextBoolean() ? 1 : sectors - 1;
            int h = headerLba * GptFixture.SECTOR;
            switch (rnd.nextInt(4)) {
                case 0 -> b[rnd.nextInt(34 * GptFixture.SECTOR)] = (byte) rnd.nextInt(256);
                case 1 -> b[(sectors - 33) * GptFixture.SECTOR + rnd.nextInt(33 * GptFixture.SECTOR)] =
                        (byte) rnd.nextInt(256);
                case 2 -> le.putInt(h + U32_FIELDS[rnd.nextInt(U32_FIELDS.length)], (int) pick(rnd));
                default -> le.putLong(h + U64_FIELDS[rnd.nextInt(U64_FIELDS.length)], pick(rnd));
            }
            if (rnd.nextInt(3) > 0) fixHeaderCrc(le, h);
        }
        int length = b.length;
        if (rnd.nextInt(8) == 0) {
            int[] cuts = { 0, 511, 512, 1023, 1024, 17408, 17919, b.length - 512, b.length - 511, b.length - 17408 };
            length = rnd.nextBoolean() ? cuts[rnd.nextInt(cuts.length)] : rnd.nextInt(b.length + 1);
        }
        return length;
    }

    private static long pick(Random rnd) {
        int i = rnd.nextInt(VALUES.length + 1);
        return i == VALUES.length ? rnd.nextLong() : VALUES[i];
    }

    private static void fixHeaderCrc(ByteBuffer le, int h) {
        int size = le.getInt(h + 12);
        if (size < 92 || size > GptFixture.SECTOR) return;
        le.putInt(h + 16, 0);
        CRC32 c = new CRC32();
        c.update(le.array(), h, size);
        le.putInt(h + 16, (int) c.getValue());
    }
}
