// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.swap.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.testing.MutationLoop;
import org.vdiskdoctor.testing.MutationLoop.Bytes;
import org.vdiskdoctor.testing.Tools;

/**
 * The seeded mutation loop, for a JVM of its own with a small heap (see {@link SwapMutationForkTest}): mkswap areas
 * with 4 and 64 KiB pages get their version, last page, bad-page count and signature overwritten with boundary values
 * and random bytes, and are truncated; recognise and run must never throw, hang or allocate big. Exit 0 when every
 * input passed, 1 when one threw, 2 when one hung.
 *
 * <p>Usage: {@code SwapMutationMain <seed> <iterations> <work dir>}.
 */
public final class SwapMutationMain {

    private static final long[] VALUES = { 0, 1, 2, 255, 256, 4095, 4096, 0x01000000L, 0x7fffffffL, 0xffffffffL };
    private static final String[] SIGNATURES = { "SWAPSPACE2", "SWAP-SPACE", "S1SUSPEND\0", "LINHIB0001" };

    private SwapMutationMain() {
    }

    public static void main(String[] args) throws Exception {
        MutationLoop loop = MutationLoop.fromArgs("swap mutation loop", args, ".img", null);
        Path dir = loop.dir();
        List<byte[]> sources = new ArrayList<>();
        for (String ps : new String[] { "4096", "65536" }) {
            Path f = dir.resolve("s" + ps + ".img");
            Tools.run("truncate", "-s", "1M", f.toString());
            Tools.run("mkswap", "-q", "-p", ps, f.toString());
            sources.add(Files.readAllBytes(f));
        }
        try (ImageSource src = ImageSource.open(dir.resolve("s4096.img"))) {
            MutationLoop.exit(loop.run((i, rnd) -> {
                byte[] b = sources.get(i % sources.size()).clone();
                return new Bytes("s" + i % sources.size(), b, mutate(b, rnd));
            }, (i, m) -> runOnce(m.disk(src).volume()) > 0));
        }
    }

    private static int runOnce(GuestVolume v) throws Exception {
        SwapProbe p = new SwapProbe();
        if (p.recognise(v) == null) return 0;
        List<Object> found = new ArrayList<>();
        p.run(v, found::add, Monitor.NONE);
        return found.size();
    }

    private static int mutate(byte[] b, Random rnd) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int n = 1 + rnd.nextInt(3);
        for (int k = 0; k < n; k++) {
            switch (rnd.nextInt(4)) {
                case 0 -> le.putInt(1024 + 4 * rnd.nextInt(3), (int) VALUES[rnd.nextInt(VALUES.length)]);
                case 1 -> le.putInt(1024 + 4 * rnd.nextInt(3), rnd.nextInt());
                case 2 -> {
                    int ps = new int[] { 4096, 8192, 16384, 65536 }[rnd.nextInt(4)];
                    byte[] s = SIGNATURES[rnd.nextInt(SIGNATURES.length)]
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                    System.arraycopy(s, 0, b, ps - 10, 10);
                }
                default -> b[rnd.nextInt(2048)] = (byte) rnd.nextInt(256);
            }
        }
        if (rnd.nextInt(6) == 0) {
            int[] cuts = { 0, 1024, 4085, 4095, 4096, 4097, 65535, 65536, 65537 };
            return rnd.nextBoolean() ? Math.min(b.length, cuts[rnd.nextInt(cuts.length)]) : rnd.nextInt(b.length + 1);
        }
        return b.length;
    }
}
