// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.mbr.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * Hostile tables: a fixed-seed loop of random bytes and boundary values in the entries of the MBR and the EBRs of
 * a healthy sfdisk disk with three logical partitions, plus truncations. The probe and describe must never throw
 * and must stay fast.
 */
class MbrMutationTest {

    private static final long SEED = 0x3b7_5eedL;
    private static final int ITERATIONS = 2000;
    private static final long[] VALUES = { 0, 1, 2, 63, 2047, 2048, 4095, 4096, 8191, 8192, 0x7fffffffL,
            0xffffffffL };

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mutatedTablesNeverThrow() throws Exception {
        Path f = dir.resolve("small.img");
        MbrFixture.run("truncate", "-s", "4M", f.toString());
        MbrFixture.sfdisk(f, "label: dos\n,1M,L\n,,E\n,512K,L\n,512K,S\n,,L\n");
        byte[] original = Files.readAllBytes(f);
        // the sectors that hold tables: the MBR and each EBR of the chain
        long[] tables = tableSectors(original);
        assertTrue(tables.length == 4, "MBR + 3 EBRs: " + Arrays.toString(tables));
        Random rnd = new Random(SEED);
        long t0 = System.nanoTime();
        int withFindings = 0;
        try (ImageSource src = ImageSource.open(f)) {
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] b = original.clone();
                int length = mutate(b, tables, rnd);
                MemoryDisk disk = new MemoryDisk(src, b, length);
                try {
                    if (!MbrFixture.problems(MbrFixture.probe(disk)).isEmpty()) withFindings++;
                    if (length >= MbrFixture.SECTOR) MbrLayout.read(disk, Monitor.NONE).describe();
                } catch (Throwable e) {
                    Files.write(dir.resolve("failing-" + i + ".img"), Arrays.copyOf(b, length));
                    fail("iteration " + i + " (seed " + SEED + ", " + length + " bytes) threw " + e, e);
                }
            }
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.println("mbr mutation loop: " + ITERATIONS + " iterations in " + ms + " ms, " + withFindings
                + " with findings");
        // many mutants stay harmless (a type byte set on an empty entry, a changed CHS byte): a quarter is the floor
        assertTrue(withFindings > ITERATIONS / 4, "many mutants should give errors or warnings: " + withFindings);
        assertTrue(ms < 30_000, "mutation loop took " + ms + " ms");
    }

    private static long[] tableSectors(byte[] disk) {
        ByteBuffer le = ByteBuffer.wrap(disk).order(ByteOrder.LITTLE_ENDIAN);
        long ext = Integer.toUnsignedLong(le.getInt(446 + 16 + 8));
        long[] out = new long[4];
        long ebr = ext;
        for (int k = 1; k < 4; k++) {
            out[k] = ebr;
            ebr = ext + Integer.toUnsignedLong(le.getInt((int) (ebr * 512) + 446 + 16 + 8));
        }
        return out;
    }

    private static int mutate(byte[] b, long[] tables, Random rnd) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            int sector = (int) tables[rnd.nextInt(tables.length)] * MbrFixture.SECTOR;
            int entry = sector + 446 + 16 * rnd.nextInt(4);
            switch (rnd.nextInt(4)) {
                case 0 -> b[sector + 446 + rnd.nextInt(66)] = (byte) rnd.nextInt(256);
                case 1 -> b[entry + 4] = (byte) new int[] { 0x05, 0x0F, 0x85, 0xEE, 0x83, 0 }[rnd.nextInt(6)];
                case 2 -> le.putInt(entry + 8, (int) pick(rnd));
                default -> le.putInt(entry + 12, (int) pick(rnd));
            }
        }
        int length = b.length;
        if (rnd.nextInt(8) == 0) length = rnd.nextInt(b.length + 1);
        return length;
    }

    private static long pick(Random rnd) {
        int i = rnd.nextInt(VALUES.length + 1);
        return i == VALUES.length ? rnd.nextInt() & 0xffffffffL : VALUES[i];
    }
}
