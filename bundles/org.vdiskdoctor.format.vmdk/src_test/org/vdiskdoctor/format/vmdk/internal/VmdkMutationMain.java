// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.testing.MutationLoop;
import org.vdiskdoctor.testing.MutationLoop.Bytes;

/**
 * The seeded mutation loop, meant for a JVM of its own with a small heap (see {@link VmdkMutationForkTest}): real
 * qemu-img images (monolithicSparse with data, streamOptimized), a VMware-style stream from {@link StreamWriter} and
 * a monolithicFlat descriptor get header fields, grain directory and grain table entries, grain markers and
 * descriptor bytes overwritten with boundary values, offsets of other tables, flipped bits and random words, and are
 * sometimes cut short; then open, check (every other input as a deep check), describe and a whole-disk read run with a per-input timeout. A guest read may
 * fail with an IOException naming a damaged entry; anything else thrown fails. Exit 0 when every input passed, 1 when
 * one threw (an unchecked allocation included), 2 when one hung.
 *
 * <p>Usage: {@code VmdkMutationMain <seed> <iterations> <work dir>}.
 */
public final class VmdkMutationMain {

    private static final String NAME = "vmdk mutation loop";

    /** One source: its bytes, the name the mutant gets, and 4-byte-slot areas {offset, length}. */
    private record Source(String name, byte[] bytes, List<long[]> areas, long[] values) {
    }

    private VmdkMutationMain() {
    }

    public static void main(String[] args) throws Exception {
        MutationLoop.exit(run(MutationLoop.fromArgs(NAME, args, ".vmdk", "with findings")));
    }

    /** Runs the loop; returns the summary line, or the description of the first failing input. */
    static String loop(long seed, int iterations, Path dir) throws Exception {
        return run(new MutationLoop(NAME, seed, iterations, dir, ".vmdk", "with findings")).report();
    }

    private static MutationLoop.Outcome run(MutationLoop loop) throws Exception {
        List<Source> sources = sources(loop.dir());
        return loop.run((i, rnd) -> {
            Source s = sources.get(i % sources.size());
            return new Bytes(s.name(), mutate(s, rnd));
        }, (i, m) -> {
            Path f = loop.dir().resolve(m.source().replace(".vmdk", "-m.vmdk"));
            Files.write(f, m.bytes());
            // every other input runs the deep check too, which inflates every compressed grain
            return runOnce(f, (i & 1) == 1) > 0;
        });
    }

    private static int runOnce(Path f, boolean deep) throws IOException {
        VmdkDriver driver = new VmdkDriver();
        int[] n = { 0 };
        try (ImageSource src = ImageSource.open(f); var img = driver.open(src, x -> n[0]++, Monitor.NONE)) {
            img.check(x -> n[0]++, Monitor.NONE, deep ? DeepCheck.in(f.getParent()) : DeepCheck.OFF);
            StructureNode s = img.describe();
            if (s == null) throw new AssertionError("no structure");
            if (img instanceof GuestReader g) {
                ByteBuffer b = ByteBuffer.allocate(64 * 1024);
                try {
                    // the first 4 MiB (every source's data) and the last 64 KiB: a mutated capacity of a terabyte
                    // would otherwise make this loop, not the driver, run for hours
                    long size = g.guestSize();
                    for (long at = 0; at < size; at = at + b.capacity() >= 4 << 20 && at < size - b.capacity()
                            ? size - b.capacity() : at + b.capacity()) {
                        b.clear().limit((int) Math.min(b.capacity(), size - at));
                        g.readGuest(at, b);
                    }
                } catch (IOException expected) {
                    n[0]++; // a damaged entry met by a read: named in the exception, not a crash
                }
            }
            return n[0];
        }
    }

    private static List<Source> sources(Path dir) throws Exception {
        List<Source> out = new ArrayList<>();
        Path sparse = VmdkFixture.create(dir, "sparse.vmdk", "monolithicSparse", "3M", "write -q -P 1 0 256k",
                "write -q -P 2 2M 64k");
        out.add(withTables("sparse.vmdk", Files.readAllBytes(sparse)));
        VmdkFixture.qemuImg(dir, "convert", "-O", "vmdk", "-o", "subformat=streamOptimized", "sparse.vmdk",
                "stream.vmdk");
        out.add(withTables("stream.vmdk", Files.readAllBytes(dir.resolve("stream.vmdk"))));
        byte[] guest = new byte[2 << 20];
        for (int i = 0; i < 300_000; i++) guest[i] = (byte) (i * 7);
        StreamWriter.write(dir.resolve("vmware.vmdk"), guest);
        out.add(withTables("vmware.vmdk", Files.readAllBytes(dir.resolve("vmware.vmdk"))));
        VmdkFixture.create(dir, "flat.vmdk", "monolithicFlat", "1M");
        byte[] text = Files.readAllBytes(dir.resolve("flat.vmdk"));
        // the mutant descriptor is flat-m.vmdk, beside the original flat extent it names
        out.add(new Source("flat.vmdk", text, List.of(new long[] { 0, text.length }), new long[] { 0x20202020,
                0x0a0a0a0a, 0x22222222, 0x3d3d3d3d, 0x30303030 }));
        return out;
    }

    /** The header, descriptor, both directories, their tables and (for streams) the grain markers as areas. */
    private static Source withTables(String name, byte[] b) {
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        List<long[]> areas = new ArrayList<>();
        areas.add(new long[] { 0, 80 });
        areas.add(new long[] { h.getLong(28) * 512, h.getLong(36) * 512 });
        long gd = h.getLong(56);
        if (gd == -1) gd = ByteBuffer.wrap(b, b.length - 1024, 512).order(ByteOrder.LITTLE_ENDIAN).getLong(
                b.length - 1024 + 56);
        for (long dir : new long[] { gd, h.getLong(48) }) {
            if (dir <= 0 || dir * 512 + 4 > b.length) continue;
            areas.add(new long[] { dir * 512, 16 });
            long gt = Integer.toUnsignedLong(h.getInt((int) (dir * 512)));
            if (gt > 0 && gt * 512 + 2048 <= b.length) {
                areas.add(new long[] { gt * 512, 2048 });
                long grain = Integer.toUnsignedLong(h.getInt((int) (gt * 512)));
                if (grain > 0 && grain * 512 + 16 <= b.length) areas.add(new long[] { grain * 512, 16 });
            }
        }
        if (b.length > 2048) areas.add(new long[] { b.length - 1536, 1536 });
        long s = b.length / 512;
        long[] values = { 0, 1, 2, 3, 0x1a, 0x80, s - 1, s, s + 1, 0x7fffffff, 0x80000000L, 0xffffffffL, 512, 128,
                4096 };
        return new Source(name, b, areas, values);
    }

    private static byte[] mutate(Source s, Random rnd) {
        byte[] b = s.bytes().clone();
        ByteBuffer w = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            long[] area = s.areas().get(rnd.nextInt(s.areas().size()));
            if (area[1] < 4 || area[0] < 0 || area[0] + area[1] > b.length) continue;
            int at = (int) (area[0] + rnd.nextInt((int) (area[1] - 3)));
            if (rnd.nextBoolean()) at &= ~3;
            if (at + 8 > b.length) at = b.length - 8;
            int old = w.getInt(at);
            switch (rnd.nextInt(7)) {
                case 0 -> w.putInt(at, 0);
                case 1 -> w.putInt(at, rnd.nextInt());
                case 2 -> w.putInt(at, old ^ (1 << rnd.nextInt(32)));
                case 3 -> w.putInt(at, (int) s.values()[rnd.nextInt(s.values().length)]);
                case 4 -> w.putLong(at, rnd.nextBoolean() ? -1L : rnd.nextLong());
                case 5 -> b[at] = (byte) rnd.nextInt(256);
                default -> w.putInt(at, old + 1);
            }
        }
        if (rnd.nextInt(10) == 0) b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
        return b;
    }
}
