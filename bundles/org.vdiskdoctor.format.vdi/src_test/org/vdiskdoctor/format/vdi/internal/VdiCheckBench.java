// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import java.nio.file.Path;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * Measures the VDI check in-process: opens and checks an image N times and prints the time per run and per block
 * map entry. Not a test: {@code releng/bench/vdi-bench.sh} runs it next to {@code qemu-img check}.
 *
 * <p>Usage: {@code VdiCheckBench <image> [runs]}.
 */
public final class VdiCheckBench {

    private VdiCheckBench() {
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
            try (ImageSource src = ImageSource.open(file)) {
                VdiImage img = VdiImage.open(src);
                img.check(f -> n[0]++, Monitor.NONE);
                times[i] = System.nanoTime() - t0;
                entries = img.header().blocksTotal();
            }
            findings = n[0];
        }
        System.out.printf("%s: %d runs, %d findings, %d map entries visited%n", file, runs, findings, entries);
        java.util.Arrays.sort(times);
        System.out.printf("best %.1f ms, median %.1f ms; %.1f ns per map entry (best)%n", times[0] / 1e6,
                times[runs / 2] / 1e6, (double) times[0] / entries);
    }
}
