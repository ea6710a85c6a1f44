// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import java.nio.charset.StandardCharsets;
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
 * The seeded mutation loop, meant for a JVM of its own with a small heap (see {@link NtfsMutationForkTest}): an
 * mkntfs volume with a hiberfil.sys in its root directory gets boundary values and random bytes in its boot sector fields, the backup
 * boot sector, MFT records 0-5 and 23, their mirror copies and the root's INDX block — often with the update sequence made right again, so
 * the attribute walk and the run lists behind it see the damage — and random truncations; then recognise and run go
 * with a per-input timeout. Exit 0 when every input passed, 1 when one threw, 2 when one hung.
 *
 * <p>Usage: {@code NtfsMutationMain <seed> <iterations> <work dir>}.
 */
public final class NtfsMutationMain {

    private static final int RS = 1024;
    private static final int[][] FIELDS = { { 11, 2 }, { 13, 1 }, { 14, 2 }, { 21, 1 }, { 40, 8 }, { 48, 8 },
            { 56, 8 }, { 64, 1 }, { 68, 1 }, { 510, 2 } };
    private static final long[] VALUES = { 0, 1, 2, 4, 7, 8, 0x7f, 0x80, 0x81, 0xe0, 0xf6, 0xff, 255, 512, 4096, 5119,
            81918, 81919, 81920, 0xffff, 0x7fffffffL, 0xffffffffL, Long.MAX_VALUE, -1L, Long.MIN_VALUE };

    private NtfsMutationMain() {
    }

    public static void main(String[] args) throws Exception {
        MutationLoop loop = MutationLoop.fromArgs("ntfs mutation loop", args, ".img", "with findings");
        Path dir = loop.dir();
        Path f = NtfsFixture.ntfs(dir, "ntfs.img");
        HiberfilWriter.write(f, "hibr".getBytes(StandardCharsets.US_ASCII), 10000);
        HiberfilWriter.listInRoot(f);
        int indx = (int) HiberfilWriter.rootIndexBlock(f);
        byte[] b = Files.readAllBytes(f);
        long mft = 4 * 4096;
        long mirr = 5119L * 4096;
        long[] records = { mft, mft + RS, mft + 2 * RS, mft + 3 * RS, mft + 5 * RS, mft + 23 * RS, mirr, mirr + RS,
                mirr + 2 * RS, mirr + 3 * RS, indx, indx + RS, indx + 2 * RS, indx + 3 * RS };
        List<int[]> undo = new ArrayList<>();
        try (ImageSource named = ImageSource.open(f)) {
            MutationLoop.exit(loop.run((i, rnd) -> {
                // the image is mutated in place (a copy would cost more than the run): undo the last input first
                for (int k = undo.size() - 1; k >= 0; k--) b[undo.get(k)[0]] = (byte) undo.get(k)[1];
                undo.clear();
                return new Bytes("ntfs.img", b, mutate(b, records, rnd, undo));
            }, (i, m) -> {
                GuestVolume v = m.disk(named).volume();
                NtfsProbe p = new NtfsProbe();
                int[] found = { 0 };
                if (p.recognise(v) != null) p.run(v, x -> found[0]++, Monitor.NONE);
                return found[0] > 0;
            }));
        }
    }

    private static int mutate(byte[] b, long[] records, Random rnd, List<int[]> undo) {
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            int kind = rnd.nextInt(4);
            if (kind == 0) {
                int[] field = FIELDS[rnd.nextInt(FIELDS.length)];
                long v = rnd.nextInt(4) == 0 ? rnd.nextLong() : VALUES[rnd.nextInt(VALUES.length)];
                int base = rnd.nextInt(4) == 0 ? b.length - 512 : 0;
                for (int i = 0; i < field[1]; i++) set(b, base + field[0] + i, (int) (v >>> (8 * i)), undo);
            } else {
                int rec = (int) records[rnd.nextInt(records.length)];
                int at = rec + (kind == 1 ? rnd.nextInt(64) : rnd.nextInt(RS));
                long v = VALUES[rnd.nextInt(VALUES.length)];
                int width = 1 << rnd.nextInt(4);
                for (int i = 0; i < width && at + i < rec + RS; i++) {
                    set(b, at + i, rnd.nextBoolean() ? (int) (v >>> (8 * i)) : rnd.nextInt(256), undo);
                }
                if (rnd.nextInt(3) > 0) refix(b, rec, undo);
            }
        }
        if (rnd.nextInt(10) == 0) return rnd.nextInt(b.length + 1);
        return b.length;
    }

    /** Makes the record's update sequence right again, so the checks behind it see the damage. */
    private static void refix(byte[] b, int rec, List<int[]> undo) {
        int usa = (b[rec + 4] & 0xff) | (b[rec + 5] & 0xff) << 8;
        if (usa + 6 > 512) return;
        for (int k = 0; k < RS / 512; k++) {
            int end = rec + (k + 1) * 512 - 2;
            set(b, rec + usa + 2 + 2 * k, b[end], undo);
            set(b, rec + usa + 3 + 2 * k, b[end + 1], undo);
            set(b, end, b[rec + usa], undo);
            set(b, end + 1, b[rec + usa + 1], undo);
        }
    }

    private static void set(byte[] b, int at, int value, List<int[]> undo) {
        undo.add(new int[] { at, b[at] });
        b[at] = (byte) value;
    }
}
