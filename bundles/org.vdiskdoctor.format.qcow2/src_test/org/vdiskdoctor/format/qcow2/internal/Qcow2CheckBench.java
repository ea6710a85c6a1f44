// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import java.nio.file.Path;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * Measures the consistency check in-process: after at least 2 s of warm-up, opens and checks an image N times and prints the time per run and
 * per L2 entry visited (entries of every distinct L2 table, as qemu-img check visits them). Not a test: run it by
 * hand on a big image, e.g. {@code qemu-img create -f qcow2 -o cluster_size=4096 big.qcow2 2G; qemu-io -c 'write
 * -P 1 0 1G' big.qcow2}, and compare with {@code time qemu-img check big.qcow2}.
 *
 * <p>Usage: {@code Qcow2CheckBench <image> [runs]}.
 */
public final class Qcow2CheckBench {

    private Qcow2CheckBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long entries = 0;
        int findings = 0;
        // Warm-up: a small image checks in under a millisecond, so a few runs leave it interpreted; run it for
        // at least 2 s (and 5 times) before measuring, as a long-lived caller (the workbench) would have.
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; i < 5 || System.nanoTime() < warmEnd; i++) {
            try (ImageSource src = ImageSource.open(file)) {
                Qcow2Image.open(src).check(f -> { }, Monitor.NONE);
            }
        }
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            int[] n = { 0 };
            long t0 = System.nanoTime();
            try (ImageSource src = ImageSource.open(file)) {
                Qcow2Image img = Qcow2Image.open(src);
                img.check(f -> n[0]++, Monitor.NONE);
                times[i] = System.nanoTime() - t0;
                if (i == 0) entries = l2Entries(img, src);
            }
            findings = n[0];
        }
        System.out.printf("%s: %d runs, %d findings, %d L2 entries visited%n", file, runs, findings, entries);
        java.util.Arrays.sort(times);
        long best = times[0];
        long median = times[runs / 2];
        System.out.printf("best %.1f ms, median %.1f ms; %.1f ns per L2 entry (best), %.1f (median)%n", best / 1e6,
                median / 1e6, (double) best / entries, (double) median / entries);
    }

    /** The entries of every distinct L2 table the active L1 table points at. */
    private static long l2Entries(Qcow2Image img, ImageSource src) throws Exception {
        Qcow2Header h = img.header();
        CheckGeometry g = new CheckGeometry(h, src.size());
        java.util.Set<Long> tables = new java.util.HashSet<>();
        TableReader in = new TableReader(src, h.l1Size() * 8);
        for (long i = 0; i < h.l1Size(); i++) {
            long l2 = ClusterEntries.l1Offset(in.u64(h.l1TableOffset() + 8 * i));
            if (l2 != 0) tables.add(l2);
        }
        return (long) tables.size() * g.l2Entries;
    }
}
