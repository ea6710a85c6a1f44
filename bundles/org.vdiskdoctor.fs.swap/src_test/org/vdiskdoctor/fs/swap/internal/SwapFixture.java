// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.swap.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Engines;
import org.vdiskdoctor.testing.Tools;

/**
 * Swap areas made by the real mkswap (in a file of their own, then copied into a GPT disk made by sgdisk) and the
 * engine with the swap probe. Tools, disks, byte surgery and findings come from {@code org.vdiskdoctor.testing}.
 */
final class SwapFixture {

    static final String BUNDLE = "org.vdiskdoctor.fs.swap";
    static final String UUID = "11111111-2222-4333-8444-555566667777";

    private SwapFixture() {
    }

    /** A 16 MiB swap area by mkswap, label "swap0", fixed UUID; {@code options} go to mkswap (-p 65536 ...). */
    static Path mkswap(Path dir, String name, String... options) throws IOException, InterruptedException {
        Path f = dir.resolve(name);
        Tools.run("truncate", "-s", "16M", f.toString());
        List<String> cmd = new ArrayList<>(List.of("mkswap", "-q", "-L", "swap0", "-U", UUID));
        cmd.addAll(List.of(options));
        cmd.add(f.toString());
        Tools.run(cmd.toArray(String[]::new));
        return f;
    }

    /** A GPT disk with one partition of {@code type} (sgdisk code: 8200 swap, 8300 Linux) at 1 MiB holding {@code area}. */
    static Path gptDisk(Path dir, Path area, String type) throws IOException, InterruptedException {
        return Disks.gpt(dir.resolve("gpt-disk.img"), Files.size(area) + (2 << 20), area, type, null);
    }

    static SubjectResult diagnose(Path image) throws IOException {
        return Engines.diagnose(image, BUNDLE, new SwapProbe(), DeepCheck.OFF);
    }
}
