// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.nio.file.Path;
import java.util.Arrays;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * Measures open + check in process: N runs, the time per run and per BAT entry walked. Not a test: run by
 * {@code releng/bench/vhdx-bench.sh}, or by hand on a big image.
 *
 * <p>Usage: {@code VhdxCheckBench <image> [runs]}.
 */
public final class VhdxCheckBench {

    private VhdxCheckBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long entries = 0;
        int findings = 0;
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            int[] n = { 0 };
            long t0 = System.nanoTime();
            try (ImageSource src = ImageSource.open(file); VhdxImage img = VhdxImage.open(src)) {
                img.check(f -> n[0]++, Monitor.NONE);
                times[i] = System.nanoTime() - t0;
                DiskParameters d = img.layout().params();
                entries = d == null || !d.usable() ? 0 : d.batEntries();
            }
            findings = n[0];
        }
        Arrays.sort(times);
        System.out.printf("%s: %d runs, %d findings, %d BAT entries walked%n", file, runs, findings, entries);
        System.out.printf("best %.2f ms, median %.2f ms; %.1f ns per BAT entry (best)%n", times[0] / 1e6,
                times[runs / 2] / 1e6, entries == 0 ? Double.NaN : (double) times[0] / entries);
    }
}
