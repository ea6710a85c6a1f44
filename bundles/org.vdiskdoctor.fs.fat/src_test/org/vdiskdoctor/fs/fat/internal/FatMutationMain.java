// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.fat.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestDisk;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * The seeded mutation loop, meant for a JVM of its own with a small heap (see {@link FatMutationForkTest}): FAT12,
 * FAT16 and FAT32 from mkfs.fat get boundary values and random bytes in their BPB fields, reserved sectors (FSInfo,
 * backup boot sector) and the starts of both FATs, and random truncations; then recognise and run go with a
 * per-input timeout. Exit 0 when every input passed, 1 when one threw, 2 when one hung.
 *
 * <p>Usage: {@code FatMutationMain <seed> <iterations> <work dir>}.
 */
public final class FatMutationMain {

    private static final long TIMEOUT_SECONDS = 10;
    /** BPB fields: offset and width. */
    private static final int[][] FIELDS = { { 11, 2 }, { 13, 1 }, { 14, 2 }, { 16, 1 }, { 17, 2 }, { 19, 2 },
            { 21, 1 }, { 22, 2 }, { 32, 4 }, { 36, 4 }, { 44, 4 }, { 48, 2 }, { 50, 2 }, { 510, 2 } };
    private static final long[] VALUES = { 0, 1, 2, 6, 7, 8, 32, 128, 255, 256, 511, 512, 4096, 0x7fff, 0xffff,
            0x10000, 0x7fffffffL, 0xffffffffL };

    private record Source(String name, byte[] bytes, long[] areas) {
    }

    private FatMutationMain() {
    }

    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[0]);
        int iterations = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        List<Source> sources = new ArrayList<>();
        sources.add(source(dir, 12, 2));
        sources.add(source(dir, 16, 20));
        sources.add(source(dir, 32, 40));
        Random rnd = new Random(seed);
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mutant");
            t.setDaemon(true);
            return t;
        });
        long t0 = System.nanoTime();
        int[] found = { 0 };
        try (ImageSource named = ImageSource.open(dir.resolve("fat32.img"))) {
            for (int i = 0; i < iterations; i++) {
                Source s = sources.get(i % sources.size());
                List<int[]> undo = new ArrayList<>();
                int length = mutate(s, rnd, undo);
                MemoryDisk disk = new MemoryDisk(named, s.bytes(), length);
                Future<?> run = exec.submit(() -> {
                    GuestVolume v = new GuestVolume(new GuestDisk(disk), Volume.wholeDisk(length));
                    FatProbe p = new FatProbe();
                    if (p.recognise(v) != null) p.run(v, f -> found[0]++, Monitor.NONE);
                    return null;
                });
                try {
                    run.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    Files.write(dir.resolve("hanging-" + i + ".img"), Arrays.copyOf(s.bytes(), length));
                    System.out.println("iteration " + i + " (" + s.name() + ", seed " + seed + ") ran over "
                            + TIMEOUT_SECONDS + " s");
                    System.exit(2);
                } catch (java.util.concurrent.ExecutionException e) {
                    Files.write(dir.resolve("failing-" + i + ".img"), Arrays.copyOf(s.bytes(), length));
                    System.out.println("iteration " + i + " (" + s.name() + ", seed " + seed + ") threw:");
                    e.getCause().printStackTrace(System.out);
                    System.exit(1);
                }
                for (int k = undo.size() - 1; k >= 0; k--) s.bytes()[undo.get(k)[0]] = (byte) undo.get(k)[1];
            }
        }
        System.out.println("fat mutation loop: " + iterations + " iterations in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms, " + found[0] + " findings, max heap "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        System.exit(0);
    }

    private static Source source(Path dir, int bits, int mib) throws Exception {
        Path f = FatFixture.fatFile(dir, "fat" + bits + ".img", bits, mib);
        byte[] b = Files.readAllBytes(f);
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int bps = le.getShort(11) & 0xffff;
        long reserved = le.getShort(14) & 0xffff;
        long fatSize = (le.getShort(22) & 0xffff) != 0 ? le.getShort(22) & 0xffff : le.getInt(36) & 0xffffffffL;
        long fat1 = reserved * bps;
        return new Source("FAT" + bits, b, new long[] { 0, reserved * bps, fat1, 4096, fat1 + fatSize * bps, 4096 });
    }

    /** Mutates the source's bytes in place, noting old bytes in {@code undo}; returns the disk's length. */
    private static int mutate(Source s, Random rnd, List<int[]> undo) {
        byte[] b = s.bytes();
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    int[] field = FIELDS[rnd.nextInt(FIELDS.length)];
                    long v = rnd.nextInt(4) == 0 ? rnd.nextLong() : VALUES[rnd.nextInt(VALUES.length)];
                    for (int i = 0; i < field[1]; i++) set(b, field[0] + i, (int) (v >>> (8 * i)), undo);
                }
                default -> {
                    int area = 2 * rnd.nextInt(s.areas().length / 2);
                    long at = s.areas()[area] + rnd.nextInt((int) Math.max(1, s.areas()[area + 1]));
                    if (at < b.length) set(b, (int) at, rnd.nextInt(256), undo);
                }
            }
        }
        if (rnd.nextInt(10) == 0) return rnd.nextInt(b.length + 1);
        return b.length;
    }

    private static void set(byte[] b, int at, int value, List<int[]> undo) {
        undo.add(new int[] { at, b[at] });
        b[at] = (byte) value;
    }
}
