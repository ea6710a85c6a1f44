// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.testing.MutationLoop;
import org.vdiskdoctor.testing.MutationLoop.Bytes;

/**
 * The seeded mutation loop over whole images, meant for a JVM of its own with a small heap (see
 * {@link Qcow2MutationForkTest}): real qemu-img images with data, snapshots, a bitmap, compressed clusters and
 * 1- and 64-bit refcounts get
 * their header fields and entries of their L1, L2, refcount table, refcount blocks and snapshot table overwritten with
 * boundary values, offsets of other tables, flipped flags and random words; then open, check and describe run with a
 * per-input timeout. Exit 0 when every input passed, 1 when one threw (an unchecked allocation included), 2 when one
 * hung.
 *
 * <p>Usage: {@code Qcow2MutationMain <seed> <iterations> <work dir>}.
 */
public final class Qcow2MutationMain {

    /** One source image and where its tables lie, as 8-byte entry ranges. */
    private record Source(String name, byte[] bytes, List<long[]> areas, long[] offsets) {
    }

    private Qcow2MutationMain() {
    }

    public static void main(String[] args) throws Exception {
        MutationLoop loop = MutationLoop.fromArgs("qcow2 table mutation loop", args, ".qcow2", null);
        Path dir = loop.dir();
        List<Source> sources = sources(dir);
        Path f = dir.resolve("mutant.qcow2");
        MutationLoop.exit(loop.run((i, rnd) -> {
            Source s = sources.get(i % sources.size());
            return new Bytes(s.name(), mutate(s, rnd));
        }, (i, m) -> {
            Files.write(f, m.bytes());
            return runOnce(f) > 0;
        }));
    }

    private static int runOnce(Path f) throws IOException {
        Qcow2Driver driver = new Qcow2Driver();
        int[] n = { 0 };
        try (ImageSource src = ImageSource.open(f); var img = driver.open(src, x -> n[0]++, Monitor.NONE)) {
            img.check(x -> n[0]++, Monitor.NONE);
            StructureNode s = img.describe();
            return n[0] + (s == null ? 0 : 1);
        }
    }

    private static List<Source> sources(Path dir) throws Exception {
        List<Source> out = new ArrayList<>();
        out.add(source(dir, "snap.qcow2", List.of("-o", "cluster_size=4096", "8M"), List.of("write -q -P 1 0 512k",
                "write -q -P 2 4M 64k"), true));
        out.add(source(dir, "small.qcow2", List.of("-o", "cluster_size=512,refcount_bits=1", "2M"),
                List.of("write -q -P 1 0 256k"), false));
        out.add(source(dir, "wide.qcow2", List.of("-o", "cluster_size=16384,refcount_bits=64,extended_l2=on", "8M"),
                List.of("write -q -P 1 0 300k"), false));
        Qcow2Fixture.qemuImg(dir, "convert", "-c", "-O", "qcow2", "-o", "cluster_size=4096", "snap.qcow2",
                "compressed.qcow2");
        out.add(withAreas("compressed.qcow2", Files.readAllBytes(dir.resolve("compressed.qcow2"))));
        return out;
    }

    private static Source source(Path dir, String name, List<String> create, List<String> writes, boolean extras)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("create", "-q", "-f", "qcow2"));
        args.addAll(create.subList(0, create.size() - 1));
        args.add(name);
        args.add(create.get(create.size() - 1));
        Qcow2Fixture.qemuImg(dir, args.toArray(String[]::new));
        Path f = dir.resolve(name);
        Qcow2CheckFixture.qemuIo(f, writes.toArray(String[]::new));
        if (extras) {
            Qcow2Fixture.qemuImg(dir, "snapshot", "-c", "s1", name);
            Qcow2CheckFixture.qemuIo(f, "write -q -P 3 0 64k");
            Qcow2Fixture.qemuImg(dir, "bitmap", "--add", name, "b0");
        }
        return withAreas(name, Files.readAllBytes(f));
    }

    /** Finds the header, the L1 table, its L2 tables, the refcount table and blocks and the snapshot table. */
    private static Source withAreas(String name, byte[] b) {
        ByteBuffer h = ByteBuffer.wrap(b);
        int bits = h.getInt(20);
        long cs = 1L << bits;
        long l1 = h.getLong(40);
        int l1Size = h.getInt(36);
        long rt = h.getLong(48);
        long rtBytes = (long) h.getInt(56) << bits;
        long st = h.getLong(64);
        List<long[]> areas = new ArrayList<>();
        areas.add(new long[] { 0, 112 });
        areas.add(new long[] { l1, l1Size * 8L });
        areas.add(new long[] { rt, rtBytes });
        if (h.getInt(60) > 0) areas.add(new long[] { st, 256 });
        for (int i = 0; i < l1Size; i++) {
            long l2 = h.getLong((int) (l1 + 8L * i)) & ClusterEntries.OFFSET_MASK;
            if (l2 != 0 && l2 + cs <= b.length) areas.add(new long[] { l2, cs });
        }
        for (long at = rt; at < rt + rtBytes && at + 8 <= b.length; at += 8) {
            long block = h.getLong((int) at);
            if (block != 0 && block + cs <= b.length) areas.add(new long[] { block, cs });
        }
        long[] offsets = { 0, 0x200, cs, l1, rt, st, b.length, b.length - cs, b.length + cs, 1L << 40, -cs };
        return new Source(name, b, areas, offsets);
    }

    private static byte[] mutate(Source s, Random rnd) {
        byte[] b = s.bytes().clone();
        ByteBuffer w = ByteBuffer.wrap(b);
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            long[] area = s.areas().get(rnd.nextInt(s.areas().size()));
            int slots = (int) Math.max(1, area[1] / 8);
            int at = (int) (area[0] + 8L * rnd.nextInt(slots));
            if (at < 0 || at + 8 > b.length) continue;
            long old = w.getLong(at);
            long v = switch (rnd.nextInt(8)) {
                case 0 -> 0;
                case 1 -> rnd.nextLong();
                case 2 -> old ^ (1L << rnd.nextInt(64));
                case 3 -> (old & ~ClusterEntries.OFFSET_MASK) | (s.offsets()[rnd.nextInt(s.offsets().length)]
                        & ClusterEntries.OFFSET_MASK);
                case 4 -> old ^ ClusterEntries.COPIED;
                case 5 -> old | ClusterEntries.COMPRESSED;
                case 6 -> old + 0x200;
                default -> s.offsets()[rnd.nextInt(s.offsets().length)];
            };
            if (area[0] == 0 && rnd.nextBoolean()) {
                w.putInt(at + 4 * rnd.nextInt(2), (int) v); // header: u32 fields too
            } else {
                w.putLong(at, v);
            }
        }
        if (rnd.nextInt(10) == 0) b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
        return b;
    }
}
