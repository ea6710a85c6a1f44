// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.fat.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.fs.fat.FatCodes;

/** FAT32's extra reserved sectors: the backup boot sector (normally 6) and the FSInfo sector (normally 1). */
final class Fat32Sectors {

    static final long FSINFO_LEAD = 0x41615252L;
    static final long FSINFO_STRUCT = 0x61417272L;
    static final long FSINFO_TRAIL = 0xAA550000L;
    private static final long UNKNOWN = 0xFFFFFFFFL;

    private final GuestVolume v;
    private final FindingSink sink;
    private final FatBootSector bs;

    Fat32Sectors(GuestVolume v, FindingSink sink, FatBootSector bs) {
        this.v = v;
        this.sink = sink;
        this.bs = bs;
    }

    void run() throws IOException {
        backupBoot();
        fsInfo();
    }

    private void backupBoot() throws IOException {
        int sector = bs.backupBootSector();
        if (sector == 0 || sector == 0xFFFF) return; // the specification allows no backup
        long at = (long) sector * bs.bytesPerSector();
        if (sector >= bs.reservedSectors() || !v.contains(at, FatBootSector.SIZE)) {
            sink.report(v.finding(FatCodes.BACKUP_BOOT_DIFFERS, "the backup boot sector " + sector + " lies outside the "
                    + bs.reservedSectors() + " reserved sectors", 48, 2));
            return;
        }
        FatBootSector backup = FatBootSector.of(v.read(at, FatBootSector.SIZE));
        int first = Arrays.mismatch(bs.raw(), backup.raw());
        if (first < 0) return;
        List<String> ranges = differingRanges(bs.raw(), backup.raw());
        boolean backupValid = backup.problems().isEmpty() && backup.signatureValid();
        String verdict = backupValid ? "both are valid boot sectors; the primary is the one in use"
                : "the primary is valid and the backup is not (" + (backup.problems().isEmpty() ? "no 55 AA"
                        : String.join(", ", backup.problems())) + ")";
        sink.report(v.finding(FatCodes.BACKUP_BOOT_DIFFERS, "the backup boot sector at sector " + sector + " (byte "
                + at + ") differs from the primary at bytes " + String.join(", ", ranges) + ": " + verdict,
                at + first, 1));
    }

    /** "3-10, 67" — the first few byte ranges where two sectors differ. */
    static List<String> differingRanges(byte[] a, byte[] b) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < a.length && out.size() < 6) {
            if (a[i] == b[i]) {
                i++;
                continue;
            }
            int start = i;
            while (i < a.length && a[i] != b[i]) i++;
            out.add(i - 1 == start ? Integer.toString(start) : start + "-" + (i - 1));
        }
        if (i < a.length && Arrays.mismatch(Arrays.copyOfRange(a, i, a.length), Arrays.copyOfRange(b, i, b.length))
                >= 0) {
            out.add("…");
        }
        return out;
    }

    private void fsInfo() throws IOException {
        int sector = bs.fsInfoSector();
        if (sector == 0 || sector == 0xFFFF) return;
        long at = (long) sector * bs.bytesPerSector();
        if (sector >= bs.reservedSectors() || !v.contains(at, FatBootSector.SIZE)) {
            sink.report(v.finding(FatCodes.FSINFO_INVALID, "the FSInfo sector " + sector + " lies outside the "
                    + bs.reservedSectors() + " reserved sectors", 48, 2));
            return;
        }
        ByteBuffer b = v.read(at, FatBootSector.SIZE);
        List<String> p = new ArrayList<>();
        signature(p, b, 0, FSINFO_LEAD);
        signature(p, b, 484, FSINFO_STRUCT);
        signature(p, b, 508, FSINFO_TRAIL);
        long clusters = bs.clusterCount();
        long free = b.getInt(488) & UNKNOWN;
        long next = b.getInt(492) & UNKNOWN;
        if (p.isEmpty()) {
            if (free != UNKNOWN && free > clusters) p.add("free-cluster count " + free + " exceeds the " + clusters
                    + " clusters of the volume");
            if (next != UNKNOWN && (next < 2 || next > clusters + 1)) p.add("next-free hint " + next
                    + " outside clusters 2-" + (clusters + 1));
        }
        if (!p.isEmpty()) {
            sink.report(v.finding(FatCodes.FSINFO_INVALID, "the FSInfo sector " + sector + " (byte " + at + ") has "
                    + String.join(", ", p), at, FatBootSector.SIZE));
        }
    }

    private static void signature(List<String> p, ByteBuffer b, int at, long expected) {
        long got = b.getInt(at) & UNKNOWN;
        if (got != expected) p.add(String.format("0x%08X instead of 0x%08X at byte %d", got, expected, at));
    }
}
