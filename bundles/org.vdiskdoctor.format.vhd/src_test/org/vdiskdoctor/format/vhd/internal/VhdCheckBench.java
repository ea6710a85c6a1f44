// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import java.nio.file.Path;
import java.util.Arrays;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * Measures open + check in process after warm-up: N runs, the time per run, per BAT entry and per GiB of guest disk.
 * Not a test: run by {@code releng/bench/vhd-bench.sh}, or by hand on a big image.
 *
 * <p>Usage: {@code VhdCheckBench <image> [runs]}.
 */
public final class VhdCheckBench {

    private VhdCheckBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long entries = 0;
        long guest = 0;
        int findings = 0;
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            int[] n = { 0 };
            long t0 = System.nanoTime();
            try (ImageSource src = ImageSource.open(file); VhdImage img = VhdImage.open(src, f -> n[0]++)) {
                img.check(f -> n[0]++, Monitor.NONE);
                times[i] = System.nanoTime() - t0;
                DynamicHeader h = img.parsed().dynamic();
                entries = h == null ? 0 : h.maxTableEntries();
                guest = img.virtualSize();
            }
            findings = n[0];
        }
        Arrays.sort(times);
        double gib = guest / (double) (1L << 30);
        System.out.printf("%s: %d runs, %d findings, %d BAT entries walked, %.0f GiB guest%n", file, runs, findings,
                entries, gib);
        System.out.printf("best %.2f ms, median %.2f ms; %.1f ns per BAT entry (best); %.3f ms per GiB (best)%n",
                times[0] / 1e6, times[runs / 2] / 1e6, entries == 0 ? Double.NaN : (double) times[0] / entries,
                gib == 0 ? Double.NaN : times[0] / 1e6 / gib);
    }
}
