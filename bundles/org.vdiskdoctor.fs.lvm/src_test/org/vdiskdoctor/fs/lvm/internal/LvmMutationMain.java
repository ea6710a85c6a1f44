// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.lvm.internal;

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

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.testing.Tools;

/**
 * The seeded mutation loop, for a JVM of its own with a small heap (see {@link LvmMutationForkTest}): PVs by
 * {@link PvWriter} (text after the header, and wrapping round the circular area) get label fields, area lists,
 * metadata header fields and text overwritten with boundary values and random bytes, the label and header CRCs often
 * made right again so the checks behind them run, and truncations; recognise and run must never throw, hang or
 * allocate big. Exit 0 when every input passed, 1 when one threw, 2 when one hung.
 *
 * <p>Usage: {@code LvmMutationMain <seed> <iterations> <work dir>}.
 */
public final class LvmMutationMain {

    private static final long TIMEOUT_SECONDS = 10;
    private static final long[] VALUES = { 0, 1, 31, 32, 33, 472, 480, 511, 512, 4096, 1 << 20, 2 << 20,
        PvWriter.MDA_SIZE, 0x7fffffffL, 0xffffffffL, Long.MAX_VALUE, -1L, Long.MIN_VALUE };

    private LvmMutationMain() {
    }

    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[0]);
        int iterations = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        List<byte[]> sources = new ArrayList<>();
        for (long textOffset : new long[] { 512, PvWriter.MDA_SIZE - 40 }) {
            Path f = dir.resolve("pv" + textOffset + ".img");
            Tools.run("truncate", "-s", "2M", f.toString());
            PvWriter.write(f, 2L << 20, textOffset);
            sources.add(Files.readAllBytes(f));
        }
        Random rnd = new Random(seed);
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mutant");
            t.setDaemon(true);
            return t;
        });
        long t0 = System.nanoTime();
        try (ImageSource src = ImageSource.open(dir.resolve("pv512.img"))) {
            for (int i = 0; i < iterations; i++) {
                byte[] b = sources.get(i % sources.size()).clone();
                int length = mutate(b, rnd);
                MemoryVolume disk = new MemoryVolume(src, b, length);
                Future<Integer> run = exec.submit(() -> runOnce(disk.volume()));
                try {
                    run.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    Files.write(dir.resolve("hanging-" + i + ".img"), Arrays.copyOf(b, length));
                    System.out.println("iteration " + i + " (seed " + seed + ") ran over " + TIMEOUT_SECONDS + " s");
                    System.exit(2);
                } catch (java.util.concurrent.ExecutionException e) {
                    Files.write(dir.resolve("failing-" + i + ".img"), Arrays.copyOf(b, length));
                    System.out.println("iteration " + i + " (seed " + seed + ", " + length + " bytes) threw:");
                    e.getCause().printStackTrace(System.out);
                    System.exit(1);
                }
            }
        }
        System.out.println("lvm mutation loop: " + iterations + " iterations in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms, max heap "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        System.exit(0);
    }

    private static int runOnce(GuestVolume v) throws Exception {
        LvmProbe p = new LvmProbe();
        if (p.recognise(v) == null) return 0;
        List<Object> found = new ArrayList<>();
        p.run(v, found::add, Monitor.NONE);
        return found.size();
    }

    private static int mutate(byte[] b, Random rnd) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int mda = (int) PvWriter.MDA;
        int n = 1 + rnd.nextInt(3);
        for (int k = 0; k < n; k++) {
            switch (rnd.nextInt(6)) {
                case 0 -> le.putInt(512 + 20, (int) pick(rnd)); // offset_xl
                case 1 -> le.putLong(512 + 64 + 8 * rnd.nextInt(12), pick(rnd)); // device size and area lists
                case 2 -> le.putLong(mda + 24 + 8 * rnd.nextInt(5), pick(rnd)); // start, size, raw_locn
                case 3 -> le.putInt(mda + 20, (int) pick(rnd)); // version
                case 4 -> b[mda + 512 + rnd.nextInt(64)] = (byte) rnd.nextInt(256);
                default -> b[rnd.nextInt(2048)] = (byte) rnd.nextInt(256);
            }
            if (rnd.nextInt(3) > 0) {
                le.putInt(512 + 16, LvmCrc.of(b, 512 + 20, 492));
                le.putInt(mda, LvmCrc.of(b, mda + 4, 508));
            }
        }
        if (rnd.nextInt(6) == 0) return rnd.nextInt(b.length + 1);
        return b.length;
    }

    private static long pick(Random rnd) {
        int i = rnd.nextInt(VALUES.length + 1);
        return i == VALUES.length ? rnd.nextLong() : VALUES[i];
    }
}
