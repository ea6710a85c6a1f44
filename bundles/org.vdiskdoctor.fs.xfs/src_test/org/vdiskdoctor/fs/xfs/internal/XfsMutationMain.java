// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestDisk;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.testing.MutationLoop;

/**
 * The seeded mutation loop, meant for a JVM of its own with a small heap (see {@link XfsMutationForkTest}): a real
 * mkfs.xfs filesystem gets its primary and secondary superblocks, AG 0 headers and log blocks overwritten with random
 * bytes, boundary values in geometry fields and random cycle numbers, often with the CRC made right again so the
 * checks behind it run, and is sometimes truncated; then recognise and run go with a per-input timeout. Exit 0 when
 * every input passed, 1 when one threw (an OutsideVolumeException included: a read the probe did not bound), 2 when
 * one hung.
 *
 * <p>Usage: {@code XfsMutationMain <seed> <iterations> <work dir>}.
 */
public final class XfsMutationMain {

    private static final int[] SB_U32 = { 0, 4, 84, 88, 96, 208, 212, 216 };
    private static final int[] SB_U64 = { 8, 48, 56 };
    private static final int[] SB_BYTES = { 120, 121, 122, 124, 126 };
    private static final int[] AG_U32 = { 0, 4, 8, 12, 16, 28, 52, 56 };
    private static final long[] VALUES = { 0, 1, 2, 63, 64, 512, 513, 4096, 19199, 19200, 19201, 65536, 76800,
            1 << 20, 0x7fffffffL, 0xffffffffL, Long.MAX_VALUE, -1L, Long.MIN_VALUE };

    private XfsMutationMain() {
    }

    public static void main(String[] args) throws Exception {
        MutationLoop loop = MutationLoop.fromArgs("xfs mutation loop", args, ".img", "with problems");
        Path dir = loop.dir();
        Path fs = XfsFixture.filesystem(dir, "template.img");
        try (ImageSource src = ImageSource.open(fs)) {
            SparseDisk original = new SparseDisk(src, SparseDisk.load(fs), XfsFixture.FS_BYTES);
            long log = Superblock.parse(original.copy(original.length()).readAll(0, 512)).logByteOffset();
            MutationLoop.exit(loop.run((i, rnd) -> new SparseMutant(mutate(original, log, rnd)),
                    (i, m) -> runOnce(m.disk()) > 1));
        }
    }

    /** A mutant of the 300 MiB sparse template: too big to save whole, so the seed and iteration replay it. */
    private record SparseMutant(SparseDisk disk) implements MutationLoop.Mutant {
        @Override
        public String source() {
            return "template.img";
        }

        @Override
        public void save(Path file) {
            // not saved: the report's seed and iteration make the same input again
        }
    }

    /** Findings of one mutant (recognise, then run); an exception escaping is a bug in the probe. */
    private static int runOnce(SparseDisk d) throws Exception {
        GuestVolume v = new GuestVolume(new GuestDisk(d), Volume.wholeDisk(d.length()));
        XfsProbe p = new XfsProbe();
        if (p.recognise(v) == null) return 0;
        List<Object> found = new ArrayList<>();
        p.run(v, found::add, Monitor.NONE);
        return found.size();
    }

    private static SparseDisk mutate(SparseDisk original, long log, Random rnd) {
        long length = original.length();
        if (rnd.nextInt(10) == 0) {
            long[] cuts = { 0, 511, 512, 1536, XfsFixture.AG_BYTES, XfsFixture.AG_BYTES + 100, log + 1024,
                    length - 512 };
            length = rnd.nextBoolean() ? cuts[rnd.nextInt(cuts.length)] : (long) (rnd.nextDouble() * length);
        }
        SparseDisk d = original.copy(length);
        long lastLogBlock = log + 16384L * 4096 - 512;
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            long sb = rnd.nextInt(3) == 0 ? (1 + rnd.nextInt(3)) * XfsFixture.AG_BYTES : 0;
            switch (rnd.nextInt(7)) {
                case 0 -> put(d, sb + rnd.nextInt(512), 1, rnd.nextInt(256));
                case 1 -> put(d, sb + SB_U32[rnd.nextInt(SB_U32.length)], 4, pick(rnd));
                case 2 -> put(d, sb + SB_U64[rnd.nextInt(SB_U64.length)], 8, pick(rnd));
                case 3 -> put(d, sb + SB_BYTES[rnd.nextInt(SB_BYTES.length)], 1, rnd.nextInt(64));
                case 4 -> put(d, (1 + rnd.nextInt(2)) * 512L + AG_U32[rnd.nextInt(AG_U32.length)], 4, pick(rnd));
                case 5 -> put(d, (rnd.nextBoolean() ? log : lastLogBlock) + 512L * rnd.nextInt(8) + 4L
                        * rnd.nextInt(4), 4, rnd.nextBoolean() ? rnd.nextInt(4) : pick(rnd));
                default -> put(d, log + rnd.nextInt(1024), 1, rnd.nextInt(256));
            }
            if (rnd.nextInt(3) > 0) fixCrc(d, sb, Superblock.CRC_OFFSET);
            if (rnd.nextInt(3) == 0) fixCrc(d, 512, AgHeaders.AGF_CRC);
            if (rnd.nextInt(3) == 0) fixCrc(d, 1024, AgHeaders.AGI_CRC);
        }
        return d;
    }

    private static long pick(Random rnd) {
        int i = rnd.nextInt(VALUES.length + 1);
        return i == VALUES.length ? rnd.nextLong() : VALUES[i];
    }

    /** Writes {@code width} big-endian bytes of {@code v} at {@code at}. */
    private static void put(SparseDisk d, long at, int width, long v) {
        for (int i = 0; i < width; i++) {
            long p = at + i;
            d.blockAt(p)[(int) (p % SparseDisk.BLOCK)] = (byte) (v >>> (8 * (width - 1 - i)));
        }
    }

    private static void fixCrc(SparseDisk d, long at, int crcAt) {
        byte[] b = d.readAll(at, 512).array();
        int crc = Superblock.crcOf(b, 512, crcAt);
        for (int i = 0; i < 4; i++) put(d, at + crcAt + i, 1, crc >>> (8 * i));
    }
}
