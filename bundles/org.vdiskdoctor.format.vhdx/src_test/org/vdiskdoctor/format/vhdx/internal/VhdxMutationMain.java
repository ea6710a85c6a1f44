// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;

import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.testing.MutationLoop;
import org.vdiskdoctor.testing.MutationLoop.Bytes;

/**
 * The seeded mutation loop over whole VHDX images, meant for a JVM of its own with a small heap (see
 * {@link VhdxMutationForkTest}): a dynamic qemu-img image with data, a fixed one, a dirty one (LogGuid set, log
 * entry valid) and a differencing child from {@link VhdxWriter} get fields of their headers, region tables, metadata
 * table and items, BAT and log overwritten with boundary values, offsets of other structures, flipped bits and random
 * words; most of the time the header and region-table CRCs are fixed afterwards, so the damage reaches the checks
 * behind them. Then open, check, describe and a full guest read run with a per-input timeout. A guest read may fail
 * with an {@link IOException} (that is how damage is reported to a probe); anything else thrown fails. Exit 0 when
 * every input passed, 1 when one threw (an unchecked allocation included), 2 when one hung.
 *
 * <p>Usage: {@code VhdxMutationMain <seed> <iterations> <work dir>}.
 */
public final class VhdxMutationMain {

    private static final long MIB = 1 << 20;
    /** Areas {offset, length} that the mutations hit: headers, region tables, metadata, BAT, log. */
    private static final long[][] AREAS = { { 0x10000, 80 }, { 0x20000, 80 }, { 0x30000, 112 }, { 0x40000, 112 },
            { 3 * MIB, 256 }, { 3 * MIB + 0x10000, 64 }, { 2 * MIB, 128 }, { MIB, 128 } };
    private static final long[] VALUES = { 0, 1, 6, 7, 512, 4096, 0x10000, MIB, MIB | 6, 2 * MIB | 6, 3 * MIB | 7,
            4 * MIB | 6, 256 * MIB, 0x7fffffffL, 0xffffffffL, 64L << 40, Long.MAX_VALUE, -1L, -MIB };

    private VhdxMutationMain() {
    }

    public static void main(String[] args) throws Exception {
        MutationLoop loop = MutationLoop.fromArgs("vhdx mutation loop", args, ".vhdx", null);
        Path dir = loop.dir();
        List<byte[]> sources = sources(dir);
        Path f = dir.resolve("mutant.vhdx");
        MutationLoop.exit(loop.run((i, rnd) -> new Bytes("source " + i % sources.size(),
                mutate(sources.get(i % sources.size()), rnd)), (i, m) -> {
            Files.write(f, m.bytes());
            return runOnce(f) > 0;
        }));
    }

    private static int runOnce(Path f) throws IOException {
        int[] n = { 0 };
        try (ImageSource src = ImageSource.open(f); var img = new VhdxDriver().open(src, x -> n[0]++, Monitor.NONE)) {
            img.check(x -> n[0]++, Monitor.NONE);
            StructureNode s = img.describe();
            img.backing();
            img.linkIds();
            if (img instanceof GuestReader g && g.guestSize() <= 64 * MIB) {
                try {
                    VhdxFixture.readAll(g, (int) MIB);
                } catch (IOException e) {
                    n[0]++; // a damaged BAT entry or a missing parent: reported, not thrown past the reader
                }
            }
            return n[0] + (s == null ? 0 : 1);
        }
    }

    private static List<byte[]> sources(Path dir) throws Exception {
        List<byte[]> out = new ArrayList<>();
        Path d = VhdxFixture.create(dir, "dyn.vhdx", "8M", "-o", "block_size=1M");
        VhdxFixture.qemuIo(d, "write -q -P 1 0 1M", "write -q -P 2 3M 64k");
        out.add(Files.readAllBytes(d));
        out.add(Files.readAllBytes(VhdxFixture.create(dir, "fixed.vhdx", "2M", "-o", "subformat=fixed")));
        byte[] dirty = Files.readAllBytes(d);
        ByteBuffer b = ByteBuffer.wrap(dirty).order(ByteOrder.LITTLE_ENDIAN);
        long cur = Long.compareUnsigned(b.getLong(0x10008), b.getLong(0x20008)) > 0 ? 0x10000 : 0x20000;
        b.put((int) cur + 48, dirty, (int) MIB + 32, 16); // the log entry's GUID into the current header
        fixCrc(b, (int) cur, 4096);
        out.add(dirty);
        byte[] block = new byte[(int) MIB];
        Arrays.fill(block, (byte) 5);
        java.util.BitSet s = new java.util.BitSet();
        s.set(0, 100);
        Path c = dir.resolve("child.avhdx");
        new VhdxWriter(4 * MIB, MIB).parent(Map.of("parent_linkage", "{00000000-0000-0000-0000-000000000001}",
                "relative_path", "..\\base.vhdx")).block(1, block).partial(2, block, s).write(c);
        out.add(Files.readAllBytes(c));
        return out;
    }

    private static void fixCrc(ByteBuffer b, int at, int len) {
        if (at + len > b.capacity()) return;
        b.putInt(at + 4, 0);
        CRC32C c = new CRC32C();
        c.update(b.duplicate().position(at).limit(at + len));
        b.putInt(at + 4, (int) c.getValue());
    }

    private static byte[] mutate(byte[] original, Random rnd) {
        byte[] b = original.clone();
        ByteBuffer w = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            long[] area = AREAS[rnd.nextInt(AREAS.length)];
            int at = (int) (area[0] + 4L * rnd.nextInt((int) area[1] / 4));
            if (at + 8 > b.length) continue;
            long old = w.getLong(at);
            long v = switch (rnd.nextInt(5)) {
                case 0 -> rnd.nextLong();
                case 1 -> old ^ (1L << rnd.nextInt(64));
                case 2 -> old + 1;
                default -> VALUES[rnd.nextInt(VALUES.length)];
            };
            if (rnd.nextBoolean()) w.putInt(at, (int) v);
            else w.putLong(at, v);
        }
        if (rnd.nextInt(4) != 0) {
            for (int h : new int[] { 0x10000, 0x20000 }) fixCrc(w, h, 4096);
            for (int t : new int[] { 0x30000, 0x40000 }) fixCrc(w, t, 65536);
        }
        if (rnd.nextInt(10) == 0) b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
        return b;
    }
}
