// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.fat.internal;

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

/**
 * The seeded mutation loop, meant for a JVM of its own with a small heap (see {@link FatMutationForkTest}): FAT12,
 * FAT16 and FAT32 from mkfs.fat get boundary values and random bytes in their BPB fields, reserved sectors (FSInfo,
 * backup boot sector) and the starts of both FATs, and random truncations; then recognise and run go with a
 * per-input timeout. Exit 0 when every input passed, 1 when one threw, 2 when one hung.
 *
 * <p>Usage: {@code FatMutationMain <seed> <iterations> <work dir>}.
 */
public final class FatMutationMain {

    /** BPB fields: offset and width. */
    private static final int[][] FIELDS = { { 11, 2 }, { 13, 1 }, { 14, 2 }, { 16, 1 }, { 17, 2 }, { 19, 2 },
            { 21, 1 }, { 22, 2 }, { 32, 4 }, { 36, 4 }, { 44, 4 }, { 48, 2 }, { 50, 2 }, { 510, 2 } };
    private static final long[] VALUES = { 0, 1, 2, 6, 7, 8, 32, 128, 255, 256, 511, 512, 4096, 0x7fff, 0xffff,
            0x10000, 0x7fffffffL, 0xffffffffL };

    private record Source(String name, byte[] bytes, long[] areas) {
    }

    private FatMutationMain() {
    }

    public static void main(String[] args) throws Exception {
        MutationLoop loop = MutationLoop.fromArgs("fat mutation loop", args, ".img", "with findings");
        Path dir = loop.dir();
        List<Source> sources = new ArrayList<>();
        sources.add(source(dir, 12, 2));
        sources.add(source(dir, 16, 20));
        sources.add(source(dir, 32, 40));
        List<int[]> undo = new ArrayList<>();
        Source[] last = { null };
        try (ImageSource named = ImageSource.open(dir.resolve("fat32.img"))) {
            MutationLoop.exit(loop.run((i, rnd) -> {
                // sources are mutated in place (a copy of each would cost more than the run): undo the last input
                for (int k = undo.size() - 1; k >= 0; k--) last[0].bytes()[undo.get(k)[0]] = (byte) undo.get(k)[1];
                undo.clear();
                last[0] = sources.get(i % sources.size());
                return new Bytes(last[0].name(), last[0].bytes(), mutate(last[0], rnd, undo));
            }, (i, m) -> {
                GuestVolume v = m.disk(named).volume();
                FatProbe p = new FatProbe();
                int[] found = { 0 };
                if (p.recognise(v) != null) p.run(v, f -> found[0]++, Monitor.NONE);
                return found[0] > 0;
            }));
        }
    }

    private static Source source(Path dir, int bits, int mib) throws Exception {
        Path f = FatFixture.fatFile(dir, "fat" + bits + ".img", bits, mib);
        byte[] b = Files.readAllBytes(f);
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int bps = le.getShort(11) & 0xffff;
        long reserved = le.getShort(14) & 0xffff;
        long fatSize = (le.getShort(22) & 0xffff) != 0 ? le.getShort(22) & 0xffff : le.getInt(36) & 0xffffffffL;
        long fat1 = reserved * bps;
        return new Source("FAT" + bits, b, new long[] { 0, reserved * bps, fat1, 4096, fat1 + fatSize * bps, 4096 });
    }

    /** Mutates the source's bytes in place, noting old bytes in {@code undo}; returns the disk's length. */
    private static int mutate(Source s, Random rnd, List<int[]> undo) {
        byte[] b = s.bytes();
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    int[] field = FIELDS[rnd.nextInt(FIELDS.length)];
                    long v = rnd.nextInt(4) == 0 ? rnd.nextLong() : VALUES[rnd.nextInt(VALUES.length)];
                    for (int i = 0; i < field[1]; i++) set(b, field[0] + i, (int) (v >>> (8 * i)), undo);
                }
                default -> {
                    int area = 2 * rnd.nextInt(s.areas().length / 2);
                    long at = s.areas()[area] + rnd.nextInt((int) Math.max(1, s.areas()[area + 1]));
                    if (at < b.length) set(b, (int) at, rnd.nextInt(256), undo);
                }
            }
        }
        if (rnd.nextInt(10) == 0) return rnd.nextInt(b.length + 1);
        return b.length;
    }

    private static void set(byte[] b, int at, int value, List<int[]> undo) {
        undo.add(new int[] { at, b[at] });
        b[at] = (byte) value;
    }
}
