// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.nio.file.Path;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

/**
 * In-process timing of open + check of one VMDK after warm-up, for {@code releng/bench/vmdk-bench.sh}. Not a test.
 * Usage: {@code VmdkCheckBench <image> <rounds> [deep]}; prints the best round in milliseconds and the finding count.
 * With {@code deep}, the check runs as with {@code --deep} (every compressed grain inflated).
 */
public final class VmdkCheckBench {

    private VmdkCheckBench() {
    }

    public static void main(String[] args) throws Exception {
        Path f = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        DeepCheck deep = args.length > 2 && args[2].equals("deep") ? DeepCheck.in(f.toAbsolutePath().getParent())
                : DeepCheck.OFF;
        long best = Long.MAX_VALUE;
        int findings = 0;
        for (int i = 0; i < rounds; i++) {
            int[] n = { 0 };
            long t0 = System.nanoTime();
            try (ImageSource src = ImageSource.open(f);
                    OpenedImage img = new VmdkDriver().open(src, x -> n[0]++, Monitor.NONE)) {
                img.check(x -> n[0]++, Monitor.NONE, deep);
            }
            best = Math.min(best, System.nanoTime() - t0);
            findings = n[0];
        }
        System.out.printf("%s: open+check best of %d rounds %.1f ms, %d findings%n", f.getFileName(), rounds,
                best / 1e6, findings);
    }
}
