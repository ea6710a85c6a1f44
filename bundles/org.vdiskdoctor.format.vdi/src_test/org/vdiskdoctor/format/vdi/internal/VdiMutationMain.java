// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

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
import org.vdiskdoctor.core.io.OutOfBoundsReadException;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.core.spi.ProbeHeader;
import org.vdiskdoctor.testing.MutationLoop;
import org.vdiskdoctor.testing.MutationLoop.Bytes;

/**
 * The seeded mutation loop, meant for a JVM of its own with a small heap (see {@link VdiMutationForkTest}): real
 * qemu-img images (dynamic with data, fixed, a 64 MiB sparse one) and a differencing image next to its parent get
 * their header fields and block map entries overwritten with boundary values, flipped bits and random words, and are
 * sometimes cut short; then score, open, check, describe and a sample of guest reads run with a per-input timeout.
 * A guest read may fail with an IOException naming the damage (not with an out-of-bounds read: every offset is
 * checked before reading); nothing else may throw. Exit 0 when every input passed, 1 when one threw (an unchecked
 * allocation included), 2 when one hung.
 *
 * <p>Usage: {@code VdiMutationMain <seed> <iterations> <work dir>}.
 */
public final class VdiMutationMain {

    private static final long[] U32 = { 0, 1, 2, 3, 4, 5, 7, 0x180, 0x190, 0x1c8, 0x200, 0x400, 511, 512, 4096,
            1 << 20, (1 << 20) + 1, 256 << 20, 0x3fffffffL, 0x40000000L, 0x7fffffffL, 0x80000000L, 0xfffffffeL,
            0xffffffffL };
    private static final long[] U64 = { 0, 1, 511, 512, 1 << 20, 5 << 20, 1L << 40, 1L << 62, Long.MAX_VALUE, -1L,
            -512L };

    private record Source(String name, byte[] bytes, long mapOffset, long entries) {
    }

    private VdiMutationMain() {
    }

    public static void main(String[] args) throws Exception {
        MutationLoop loop = MutationLoop.fromArgs("vdi mutation loop", args, ".vdi", "with findings");
        Path dir = loop.dir();
        List<Source> sources = sources(dir);
        Path f = dir.resolve("mutant.vdi");
        MutationLoop.exit(loop.run((i, rnd) -> {
            Source s = sources.get(i % sources.size());
            return new Bytes(s.name(), mutate(s, rnd));
        }, (i, m) -> {
            Files.write(f, m.bytes());
            return runOnce(f) > 0;
        }));
    }

    private static int runOnce(Path f) throws IOException {
        VdiDriver driver = new VdiDriver();
        int[] n = { 0 };
        try (ImageSource src = ImageSource.open(f)) {
            driver.score(new ProbeHeader(f, src.size(), src.readUpTo(0, ProbeHeader.LENGTH)));
            try (OpenedImage img = driver.open(src, x -> n[0]++, Monitor.NONE)) {
                img.check(x -> n[0]++, Monitor.NONE);
                StructureNode s = img.describe();
                img.backing();
                img.linkIds();
                if (img instanceof GuestReader g) sampleReads(g);
                return n[0] + (s == null ? 1 : 0);
            }
        }
    }

    /** The first 64 KiB, then 4 KiB across each of up to 64 block boundaries, and the last sector. */
    private static void sampleReads(GuestReader g) throws IOException {
        long size = g.guestSize();
        List<long[]> reads = new ArrayList<>();
        reads.add(new long[] { 0, Math.min(size, 65536) });
        for (long at = (1 << 20) - 2048, k = 0; at + 4096 <= size && k < 64; at += 1 << 20, k++) {
            reads.add(new long[] { at, 4096 });
        }
        if (size >= 512) reads.add(new long[] { size - 512, 512 });
        for (long[] r : reads) {
            try {
                g.readGuest(r[0], ByteBuffer.allocate((int) r[1]));
            } catch (OutOfBoundsReadException e) {
                throw new IllegalStateException("an unchecked offset reached the file: " + e.getMessage(), e);
            } catch (IOException e) {
                // a damaged entry or a missing parent: reported with its reason, as it should be
            }
        }
    }

    private static List<Source> sources(Path dir) throws Exception {
        List<Source> out = new ArrayList<>();
        Path dyn = VdiFixture.create(dir, "dyn.vdi", "5M");
        VdiFixture.qemuIo(dyn, "write -q -P 1 0 64k", "write -q -P 2 3M 4k", "write -q -P 3 1M 1k");
        out.add(source(dyn));
        Path fixed = VdiFixture.create(dir, "fixed.vdi", "2M", "-o", "static=on");
        out.add(source(fixed));
        out.add(source(VdiFixture.create(dir, "sparse.vdi", "64M")));
        VdiWriter b = VdiChainTest.base();
        b.write(dir.resolve("base.vdi"));
        out.add(source(VdiChainTest.child(b).write(dir.resolve("child.vdi"))));
        return out;
    }

    private static Source source(Path f) throws IOException {
        byte[] b = Files.readAllBytes(f);
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        return new Source(f.getFileName().toString(), b, h.getInt(VdiHeader.OFF_BLOCKS),
                h.getInt(VdiHeader.OFF_BLOCKS_TOTAL));
    }

    private static byte[] mutate(Source s, Random rnd) {
        byte[] b = s.bytes().clone();
        ByteBuffer w = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            switch (rnd.nextInt(6)) {
                case 0 -> b[rnd.nextInt(0x1d8)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> w.putInt(0x40 + 4 * rnd.nextInt((0x1d8 - 0x40) / 4), (int) pick(U32, rnd, b.length));
                case 2 -> w.putLong(VdiHeader.OFF_DISK_SIZE, pick(U64, rnd, b.length));
                case 3 -> {
                    int[] fields = { VdiHeader.OFF_BLOCKS, VdiHeader.OFF_DATA, VdiHeader.OFF_BLOCK_SIZE,
                            VdiHeader.OFF_BLOCK_EXTRA, VdiHeader.OFF_BLOCKS_TOTAL, VdiHeader.OFF_BLOCKS_ALLOCATED,
                            VdiHeader.OFF_HEADER_SIZE, VdiHeader.OFF_TYPE };
                    w.putInt(fields[rnd.nextInt(fields.length)], (int) pick(U32, rnd, b.length));
                }
                default -> {
                    long entries = Math.max(1, s.entries());
                    int at = (int) (s.mapOffset() + 4 * rnd.nextLong(entries));
                    if (at >= 0 && at + 4 <= b.length) w.putInt(at, (int) pick(U32, rnd, b.length));
                }
            }
        }
        if (rnd.nextInt(8) == 0) {
            int[] cuts = { 0, 0x3f, 0x44, 0x48, 0x1c7, 0x1c8, 0x200, 0x213, 0x400, 0x401 };
            int len = rnd.nextBoolean() ? cuts[rnd.nextInt(cuts.length)] : rnd.nextInt(b.length + 1);
            b = Arrays.copyOf(b, Math.min(len, b.length));
        }
        return b;
    }

    private static long pick(long[] values, Random rnd, long fileSize) {
        int i = rnd.nextInt(values.length + 2);
        if (i == values.length) return fileSize;
        if (i == values.length + 1) return rnd.nextLong();
        return values[i];
    }
}
