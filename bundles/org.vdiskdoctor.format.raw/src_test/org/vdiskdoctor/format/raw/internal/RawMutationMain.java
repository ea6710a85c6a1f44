// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.raw.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.core.spi.ProbeHeader;
import org.vdiskdoctor.testing.MutationLoop;

/**
 * The seeded mutation loop of the raw driver, meant for a JVM of its own with a small heap (see
 * {@link RawMutationForkTest}). A raw image has no header to damage: what varies is its size (any length from 0 to
 * a few sectors past a boundary, cut from a qemu-img image with an sgdisk GPT and data written by qemu-io) and the
 * bytes the driver does read (the boot signature) or hands to the partition probes (the first sectors, the last
 * one), which get flipped bits, boundary values and random words. Each input is scored, opened, checked and described,
 * then read at random guest offsets and lengths, inside and across the end; a read outside the image may only fail
 * with an IOException. Exit 0 when every input passed, 1 when one threw, 2 when one hung.
 *
 * <p>Usage: {@code RawMutationMain <seed> <iterations> <work dir> <source image>}.
 */
public final class RawMutationMain {

    private static final int[] BOUNDARY = { 0x00, 0xff, 0x55, 0xaa, 0x80, 0x7f, 0x01 };

    private RawMutationMain() {
    }

    public static void main(String[] args) throws Exception {
        MutationLoop loop = MutationLoop.fromArgs("raw mutation loop", args, ".img", "with findings");
        byte[] source = Files.readAllBytes(Path.of(args[3]));
        Path f = loop.dir().resolve("mutant.img");
        MutationLoop.exit(loop.run((i, rnd) -> new Input(mutate(source, rnd), rnd.nextLong()), (i, m) -> {
            Files.write(f, m.bytes());
            return runOnce(f, new Random(m.readSeed())) > 0;
        }));
    }

    /** A mutated image and the seed of the random reads made of it. */
    private record Input(byte[] bytes, long readSeed) implements MutationLoop.Mutant {
        @Override
        public String source() {
            return "source image";
        }

        @Override
        public void save(Path file) throws IOException {
            Files.write(file, bytes);
        }
    }

    /** A copy cut to a mutated length, with a few mutated bytes in the sectors probes read. */
    static byte[] mutate(byte[] src, Random rnd) {
        int len = switch (rnd.nextInt(4)) {
            case 0 -> rnd.nextInt(1025); // empty, shorter than a sector, around the first sectors
            case 1 -> Math.max(0, (1 + rnd.nextInt(src.length / 512)) * 512 + rnd.nextInt(5) - 2); // a boundary ±2
            case 2 -> rnd.nextInt(src.length + 1);
            default -> src.length;
        };
        byte[] b = Arrays.copyOf(src, len);
        if (len == 0) return b;
        for (int k = rnd.nextInt(8); k > 0; k--) {
            // the first 34 sectors (MBR, GPT header and entries), the boot signature, or the last sector
            int at = switch (rnd.nextInt(3)) {
                case 0 -> rnd.nextInt(Math.min(len, 34 * 512));
                case 1 -> Math.min(len - 1, RawImage.BOOT_SIGNATURE_OFFSET + rnd.nextInt(2));
                default -> Math.max(0, len - 1 - rnd.nextInt(512));
            };
            switch (rnd.nextInt(3)) {
                case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[at] = (byte) BOUNDARY[rnd.nextInt(BOUNDARY.length)];
                default -> {
                    for (int j = 0; j < 4 && at + j < len; j++) b[at + j] = (byte) rnd.nextInt(256);
                }
            }
        }
        return b;
    }

    private static int runOnce(Path f, Random rnd) throws IOException {
        RawDriver driver = new RawDriver();
        int[] n = { 0 };
        try (ImageSource src = ImageSource.open(f)) {
            int score = driver.score(new ProbeHeader(f, src.size(), src.readUpTo(0, ProbeHeader.LENGTH)));
            if (score < 0) throw new AssertionError("negative score " + score);
            try (OpenedImage img = driver.open(src, x -> n[0]++, Monitor.NONE)) {
                img.check(x -> n[0]++, Monitor.NONE);
                StructureNode s = img.describe();
                if (s == null) throw new AssertionError("no structure");
                GuestReader g = (GuestReader) img;
                if (g.guestSize() != src.size()) throw new AssertionError("guest size " + g.guestSize());
                for (int k = 0; k < 16; k++) {
                    long at = rnd.nextInt((int) src.size() + 1025) - 512L;
                    ByteBuffer b = ByteBuffer.allocate(rnd.nextInt(4097));
                    boolean inside = src.contains(at, b.capacity());
                    try {
                        g.readGuest(at, b);
                        if (!inside || b.hasRemaining()) throw new AssertionError("read at " + at + " of "
                                + b.capacity() + " bytes " + (inside ? "came back short" : "outside succeeded"));
                    } catch (IOException e) {
                        if (inside) throw e; // a read inside the image must work
                        n[0]++;
                    }
                }
            }
        }
        return n[0];
    }
}
