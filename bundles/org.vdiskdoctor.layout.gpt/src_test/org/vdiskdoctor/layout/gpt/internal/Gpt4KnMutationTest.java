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
import org.vdiskdoctor.core.spi.Monitor;

/**
 * Hostile 4K-native tables: a fixed-seed loop over a GPT written by {@code fdisk -b 4096}, with random bytes in the
 * first and last six 4096-byte sectors, boundary values in header fields (CRC often made right again), a header
 * copied to byte 512 as well (a disk that looks GPT in both sector sizes) and truncations at sector edges. The
 * sector-size choice, the probe and describe must never throw and must stay fast.
 */
class Gpt4KnMutationTest {

    private static final long SEED = 0x4_096_5eedL;
    private static final int ITERATIONS = 1500;
    private static final int SECTOR = 4096;
    private static final int[] U32_FIELDS = { 8, 12, 80, 84 };
    private static final int[] U64_FIELDS = { 24, 32, 40, 48, 72 };
    private static final long[] VALUES = { 0, 1, 2, 5, 6, 91, 92, 93, 128, 512, 4096, 4097, 8192, 1023, 1024,
            0x7fffffffL, 0xffffffffL, Long.MAX_VALUE, -1L, Long.MIN_VALUE };

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mutated4KnTablesNeverThrow() throws Exception {
        Path f = dir.resolve("4kn.img");
        GptFixture.run("truncate", "-s", "4M", f.toString());
        GptFixture.run("sh", "-c", "printf 'g\\nn\\n1\\n\\n+1M\\nn\\n2\\n\\n\\nw\\n' | fdisk -b 4096 " + f);
        byte[] original = Files.readAllBytes(f);
        int sectors = original.length / SECTOR;
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
                    if (length >= GptFixture.SECTOR) GptLayout.read(disk, Monitor.NONE).describe();
                    if (length >= GptFixture.SECTOR) {
                        new GptVolumeLocator().locate(new org.vdiskdoctor.core.spi.GuestDisk(disk), Monitor.NONE);
                    }
                } catch (Throwable e) {
                    Files.write(dir.resolve("failing-" + i + ".img"), Arrays.copyOf(b, length));
                    fail("iteration " + i + " (seed " + SEED + ", " + length + " bytes) threw " + e, e);
                }
            }
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.println("gpt 4Kn mutation loop: " + ITERATIONS + " iterations in " + ms + " ms, " + withProblems
                + " with problems");
        assertTrue(withProblems > ITERATIONS / 3, "many mutants should give errors or warnings: " + withProblems);
        assertTrue(ms < 30_000, "mutation loop took " + ms + " ms");
    }

    private static int mutate(byte[] b, int sectors, Random rnd) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            int h = (rnd.nextBoolean() ? 1 : sectors - 1) * SECTOR;
            switch (rnd.nextInt(5)) {
                case 0 -> b[rnd.nextInt(6 * SECTOR)] = (byte) rnd.nextInt(256);
                case 1 -> b[(sectors - 6) * SECTOR + rnd.nextInt(6 * SECTOR)] = (byte) rnd.nextInt(256);
                case 2 -> le.putInt(h + U32_FIELDS[rnd.nextInt(U32_FIELDS.length)], (int) pick(rnd));
                case 3 -> le.putLong(h + U64_FIELDS[rnd.nextInt(U64_FIELDS.length)], pick(rnd));
                default -> System.arraycopy(b, SECTOR, b, 512, 512); // "EFI PART" at byte 512 too
            }
            if (rnd.nextInt(3) > 0) fixHeaderCrc(le, h);
        }
        int length = b.length;
        if (rnd.nextInt(8) == 0) {
            int[] cuts = { 0, 511, 512, 4095, 4096, 4097, 8191, 8192, 24576, b.length - 4096, b.length - 4095,
                    b.length - 512 };
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
        if (size < 92 || size > SECTOR) return;
        le.putInt(h + 16, 0);
        CRC32 c = new CRC32();
        c.update(le.array(), h, size);
        le.putInt(h + 16, (int) c.getValue());
    }
}
