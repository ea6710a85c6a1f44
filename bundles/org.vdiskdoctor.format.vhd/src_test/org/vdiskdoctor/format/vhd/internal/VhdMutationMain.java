// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.testing.MutationLoop;
import org.vdiskdoctor.testing.MutationLoop.Bytes;

/**
 * The seeded mutation loop over whole VHDs, meant for a JVM of its own with a small heap (see
 * {@link VhdMutationForkTest}, and {@link VhdMutationTest} in-process): qemu-img dynamic and fixed disks with data
 * and a differencing disk from {@link VhdWriter} get their footers, dynamic header, locators and BAT overwritten
 * with boundary values, offsets of other structures, flipped bits and random words (checksums recomputed half of the
 * time, so the fault reaches past the checksum test), sometimes truncated; then score, open, check, describe and
 * guest reads of the whole disk run with a per-input timeout. Guest reads may fail with an IOException (a bad entry
 * is an I/O error for the guest); nothing else may escape. Exit 0 when every input passed, 1 when one threw, 2 when
 * one hung.
 *
 * <p>Usage: {@code VhdMutationMain <seed> <iterations> <work dir>}.
 */
public final class VhdMutationMain {

    private static final long[] VALUES = { 0, 1, 2, 3, 4, 511, 512, 513, 1024, 1536, 0x600, 0x10000, 0x200000,
            0x7fffffffL, 0x80000000L, 0xfffffffeL, 0xffffffffL, 1L << 40, Long.MAX_VALUE, -1L, -512L };

    /** One source image and the ranges worth mutating. */
    record Source(String name, byte[] bytes, List<long[]> areas) {
    }

    private VhdMutationMain() {
    }

    public static void main(String[] args) throws Exception {
        MutationLoop loop = MutationLoop.fromArgs("vhd mutation loop", args, ".vhd", null);
        Path dir = loop.dir();
        List<Source> sources = sources(dir);
        Path f = dir.resolve("mutant.vhd");
        MutationLoop.exit(loop.run((i, rnd) -> {
            Source s = sources.get(i % sources.size());
            return new Bytes(s.name(), mutate(s, rnd));
        }, (i, m) -> {
            Files.write(f, m.bytes());
            return runOnce(f) > 0;
        }));
    }

    /** Score, open, check, describe, then read the whole guest disk; returns the number of findings. */
    static int runOnce(Path f) throws IOException {
        VhdDriver driver = new VhdDriver();
        int[] n = { 0 };
        try (ImageSource src = ImageSource.open(f)) {
            driver.score(new org.vdiskdoctor.core.spi.ProbeHeader(f, src.size(), src.readUpTo(0, 65536)));
            try (OpenedImage img = driver.open(src, x -> n[0]++, Monitor.NONE)) {
                img.check(x -> n[0]++, Monitor.NONE);
                img.describe();
                img.backing();
                img.linkIds();
                if (img instanceof GuestReader g && g.guestSize() <= 64L << 20) {
                    ByteBuffer b = ByteBuffer.allocate(1 << 20);
                    for (long at = 0; at < g.guestSize(); at += b.capacity()) {
                        b.clear().limit((int) Math.min(b.capacity(), g.guestSize() - at));
                        try {
                            g.readGuest(at, b);
                        } catch (IOException expected) {
                            // a damaged entry or a missing parent is an I/O error for the guest, as in QEMU
                        }
                    }
                }
            }
        }
        return n[0];
    }

    static List<Source> sources(Path dir) throws Exception {
        List<Source> out = new ArrayList<>();
        Path d = VhdFixture.create(dir, "m-dyn.vhd", "6M");
        VhdFixture.io(d, "write -P 1 0 64k", "write -P 3 5m 4k");
        out.add(withAreas("dynamic", Files.readAllBytes(d)));
        Path fx = VhdFixture.create(dir, "m-fixed.vhd", "48k", "-o", "subformat=fixed,force_size=on");
        out.add(withAreas("fixed", Files.readAllBytes(fx)));
        Path c = new VhdWriter(3 << 20, 1 << 20).parent(new byte[16], 7, "m-dyn.vhd").locator("W2ru",
                ".\\m-dyn.vhd").locator("W2ku", "C:\\m-dyn.vhd").write(4096, new byte[8192]).write(2 << 20,
                        new byte[512]).writeTo(dir.resolve("m-diff.vhd"));
        out.add(withAreas("differencing", Files.readAllBytes(c)));
        return out;
    }

    private static Source withAreas(String name, byte[] b) {
        List<long[]> areas = new ArrayList<>();
        areas.add(new long[] { b.length - 512, 512 });
        if (Footer.hasCookie(ByteBuffer.wrap(b)) && ByteBuffer.wrap(b).getInt(60) != Footer.TYPE_FIXED) {
            areas.add(new long[] { 0, 512 });
            areas.add(new long[] { 512, 1024 });
            long bat = ByteBuffer.wrap(b).getLong(512 + 16);
            long n = Integer.toUnsignedLong(ByteBuffer.wrap(b).getInt(512 + 28));
            areas.add(new long[] { bat, Math.max(4, n * 4) });
        }
        return new Source(name, b, areas);
    }

    static byte[] mutate(Source s, Random rnd) {
        byte[] b = s.bytes().clone();
        ByteBuffer w = ByteBuffer.wrap(b);
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            long[] area = s.areas().get(rnd.nextInt(s.areas().size()));
            int at = (int) (area[0] + 4 * rnd.nextInt((int) Math.max(1, area[1] / 4)));
            if (at < 0 || at + 8 > b.length) continue;
            long v = VALUES[rnd.nextInt(VALUES.length)];
            switch (rnd.nextInt(6)) {
                case 0 -> b[at + rnd.nextInt(4)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> w.putInt(at, rnd.nextInt());
                case 2 -> w.putLong(at, v);
                case 3 -> w.putInt(at, (int) (rnd.nextBoolean() ? v : b.length / 512 + rnd.nextInt(5) - 2));
                default -> w.putInt(at, (int) v);
            }
        }
        if (rnd.nextBoolean()) fixChecksums(b);
        if (rnd.nextInt(10) == 0) b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
        return b;
    }

    private static void fixChecksums(byte[] b) {
        ByteBuffer w = ByteBuffer.wrap(b);
        if (b.length >= 512) {
            byte[] tail = Arrays.copyOfRange(b, b.length - 512, b.length);
            w.putInt(b.length - 512 + Footer.OFF_CHECKSUM, (int) Footer.checksum(tail, Footer.OFF_CHECKSUM));
        }
        if (b.length >= 1536) {
            w.putInt(Footer.OFF_CHECKSUM, (int) Footer.checksum(Arrays.copyOf(b, 512), Footer.OFF_CHECKSUM));
            byte[] h = Arrays.copyOfRange(b, 512, 1536);
            w.putInt(512 + DynamicHeader.OFF_CHECKSUM, (int) Footer.checksum(h, DynamicHeader.OFF_CHECKSUM));
        }
    }
}
