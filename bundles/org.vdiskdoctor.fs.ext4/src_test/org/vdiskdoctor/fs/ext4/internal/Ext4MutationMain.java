// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4.internal;

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
 * The seeded mutation loop, meant for a JVM of its own with a small heap (see {@link Ext4MutationForkTest}): small
 * mkfs.ext4 filesystems (1 and 4 KiB blocks, 1024 blocks per group so that there are several groups and backups;
 * sparse_super2; meta_bg; gdt_csum) get superblock fields, group descriptors and backup superblocks overwritten with
 * boundary values and random bytes, often with the superblock checksum made right again so the checks behind it
 * run, and truncations; recognise and run must never throw, hang or allocate big. Exit 0 when every input passed, 1
 * when one threw, 2 when one hung.
 *
 * <p>Usage: {@code Ext4MutationMain <seed> <iterations> <work dir>}.
 */
public final class Ext4MutationMain {

    private static final int[] U32_FIELDS = { 0x0, 0x4, 0x14, 0x18, 0x1C, 0x20, 0x24, 0x28, 0x44, 0x4C, 0x5C, 0x60,
        0x64, 0xE8, 0x104, 0x150, 0x24C, 0x250, 0x270 };
    private static final int[] U16_FIELDS = { 0x34, 0x36, 0x38, 0x3A, 0x3C, 0x58, 0x5A, 0xFE };
    private static final long[] VALUES = { 0, 1, 2, 3, 6, 7, 16, 31, 32, 64, 128, 1023, 1024, 1025, 8192, 65528,
        65536, 0x7fffffffL, 0xffffffffL, 0x80000000L };

    private Ext4MutationMain() {
    }

    public static void main(String[] args) throws Exception {
        MutationLoop loop = MutationLoop.fromArgs("ext4 mutation loop", args, ".img",
                "with more than the found finding");
        Path dir = loop.dir();
        List<byte[]> sources = sources(dir);
        try (ImageSource src = ImageSource.open(dir.resolve("s0.img"))) {
            MutationLoop.exit(loop.run((i, rnd) -> {
                byte[] b = sources.get(i % sources.size()).clone();
                return new Bytes("s" + i % sources.size(), b, mutate(b, rnd));
            }, (i, m) -> runOnce(m.disk(src).volume()) > 1));
        }
    }

    /** Findings of one run; an exception of any kind (OutsideVolumeException included) is a failure. */
    private static int runOnce(GuestVolume v) throws Exception {
        Ext4Probe p = new Ext4Probe();
        if (p.recognise(v) == null) return 0;
        List<Object> found = new ArrayList<>();
        p.run(v, found::add, Monitor.NONE);
        return found.size();
    }

    private static List<byte[]> sources(Path dir) throws Exception {
        String[][] variants = { { "-b", "1024", "-g", "1024" }, { "-b", "4096", "-g", "1024" },
            { "-b", "1024", "-g", "1024", "-O", "sparse_super2" },
            { "-b", "1024", "-g", "1024", "-O", "meta_bg,^resize_inode" },
            { "-b", "1024", "-g", "1024", "-O", "^metadata_csum,^64bit,uninit_bg" } };
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < variants.length; i++) {
            Path f = dir.resolve("s" + i + ".img");
            Tools.run("truncate", "-s", "8M", f.toString());
            List<String> cmd = new ArrayList<>(List.of("mkfs.ext4", "-F", "-q"));
            cmd.addAll(List.of(variants[i]));
            cmd.add(f.toString());
            Tools.run(cmd.toArray(String[]::new));
            out.add(Files.readAllBytes(f));
        }
        return out;
    }

    private static int mutate(byte[] b, Random rnd) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int bs = 1024 << Math.min(6, le.getInt(1024 + 0x18) & 0x7);
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            int sb = rnd.nextInt(4) == 0 ? backupOffset(rnd, bs) : 1024;
            switch (rnd.nextInt(5)) {
                case 0 -> le.putInt(sb + U32_FIELDS[rnd.nextInt(U32_FIELDS.length)], (int) pick(rnd));
                case 1 -> le.putShort(sb + U16_FIELDS[rnd.nextInt(U16_FIELDS.length)], (short) pick(rnd));
                case 2 -> b[sb + rnd.nextInt(1024)] = (byte) rnd.nextInt(256);
                case 3 -> le.putInt(Math.max(2048, bs) + rnd.nextInt(64) * 4, (int) pick(rnd)); // descriptors
                default -> b[rnd.nextInt(Math.min(b.length, 64 << 10))] = (byte) rnd.nextInt(256);
            }
            if (rnd.nextInt(3) > 0) fixChecksum(b, sb);
        }
        if (rnd.nextInt(8) == 0) return rnd.nextInt(b.length + 1);
        return b.length;
    }

    /** Where group 1 or 3's backup lies with 1024 blocks per group. */
    private static int backupOffset(Random rnd, int bs) {
        int fdb = bs == 1024 ? 1 : 0;
        int off = (fdb + (rnd.nextBoolean() ? 1 : 3) * 1024) * bs;
        return off + 1024 <= 8 << 20 ? off : 1024;
    }

    private static void fixChecksum(byte[] b, int sb) {
        int c = Crc.crc32c(0xFFFFFFFF, b, sb, Superblock.CHECKSUM_OFFSET);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(sb + Superblock.CHECKSUM_OFFSET, c);
    }

    private static long pick(Random rnd) {
        int i = rnd.nextInt(VALUES.length + 1);
        return i == VALUES.length ? rnd.nextLong() : VALUES[i];
    }
}
