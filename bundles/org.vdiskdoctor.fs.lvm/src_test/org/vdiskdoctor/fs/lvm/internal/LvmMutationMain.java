// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.lvm.internal;

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
 * The seeded mutation loop, for a JVM of its own with a small heap (see {@link LvmMutationForkTest}): PVs by
 * {@link PvWriter} (text after the header, and wrapping round the circular area) get label fields, area lists,
 * metadata header fields and text overwritten with boundary values and random bytes, the label and header CRCs often
 * made right again so the checks behind them run, and truncations; recognise and run must never throw, hang or
 * allocate big. Exit 0 when every input passed, 1 when one threw, 2 when one hung.
 *
 * <p>Usage: {@code LvmMutationMain <seed> <iterations> <work dir>}.
 */
public final class LvmMutationMain {

    private static final long[] VALUES = { 0, 1, 31, 32, 33, 472, 480, 511, 512, 4096, 1 << 20, 2 << 20,
        PvWriter.MDA_SIZE, 0x7fffffffL, 0xffffffffL, Long.MAX_VALUE, -1L, Long.MIN_VALUE };

    private LvmMutationMain() {
    }

    public static void main(String[] args) throws Exception {
        MutationLoop loop = MutationLoop.fromArgs("lvm mutation loop", args, ".img", null);
        List<byte[]> sources = new ArrayList<>();
        for (long textOffset : new long[] { 512, PvWriter.MDA_SIZE - 40 }) {
            Path f = loop.dir().resolve("pv" + textOffset + ".img");
            Tools.run("truncate", "-s", "2M", f.toString());
            PvWriter.write(f, 2L << 20, textOffset);
            sources.add(Files.readAllBytes(f));
        }
        try (ImageSource src = ImageSource.open(loop.dir().resolve("pv512.img"))) {
            MutationLoop.exit(loop.run((i, rnd) -> {
                byte[] b = sources.get(i % sources.size()).clone();
                return new Bytes("pv" + (i % sources.size()), b, mutate(b, rnd));
            }, (i, m) -> runOnce(m.disk(src).volume()) > 0));
        }
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
