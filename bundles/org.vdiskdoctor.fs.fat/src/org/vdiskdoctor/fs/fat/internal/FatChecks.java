// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.fat.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.fs.fat.FatCodes;

/** One run of the FAT checks over one volume. Every offset from the boot sector is checked against the volume. */
final class FatChecks {

    /** Bytes of each FAT compared between the copies: the start, where damage is most likely and most harmful. */
    static final int FAT_COMPARE_BYTES = 64 * 1024;
    private static final int MAX_COMPARED_FATS = 4;

    private final GuestVolume v;
    private final FindingSink sink;
    private final Monitor monitor;

    FatChecks(GuestVolume v, FindingSink sink, Monitor monitor) {
        this.v = v;
        this.sink = sink;
        this.monitor = monitor;
    }

    void run() throws IOException {
        if (!v.contains(0, FatBootSector.SIZE)) return;
        FatBootSector bs = FatBootSector.of(v.read(0, FatBootSector.SIZE));
        List<String> problems = bs.problems();
        if (!problems.isEmpty()) {
            sink.report(v.finding(FatCodes.BPB_INVALID, "the FAT boot sector has " + String.join(", ", problems)
                    + "; " + backupNote(), 0, FatBootSector.SIZE));
            return;
        }
        int bps = bs.bytesPerSector();
        long offset = v.volume().offset();
        String label = bs.label().isEmpty() ? "" : " '" + bs.label() + "'";
        sink.report(v.finding(FatCodes.FOUND, String.format("%s filesystem%s serial %04X-%04X, %d clusters of %d "
                + "bytes, at guest byte %d (mount -o ro,loop,offset=%d)", bs.typeName(), label, bs.serial() >> 16,
                bs.serial() & 0xffff, bs.clusterCount(), bs.sectorsPerCluster() * bps, offset, offset), 0,
                FatBootSector.SIZE));
        if (!bs.signatureValid()) {
            sink.report(v.finding(FatCodes.BOOT_SIGNATURE_MISSING, String.format("the boot sector ends in %02X %02X "
                    + "instead of 55 AA", bs.raw()[510] & 0xff, bs.raw()[511] & 0xff), 510, 2));
        }
        long bytes = bs.totalSectors() * bps;
        if (bytes > v.size()) {
            sink.report(v.finding(FatCodes.SIZE_BEYOND_VOLUME, "the filesystem has " + bs.totalSectors()
                    + " sectors of " + bps + " bytes (" + bytes + " bytes) but its volume has only " + v.size()
                    + " bytes: " + (bytes - v.size()) + " bytes are missing", 0, FatBootSector.SIZE));
        }
        if (bs.fat32Layout() != (bs.fatBits() == 32)) {
            sink.report(v.finding(FatCodes.TYPE_MISMATCH, "the boot sector has the " + (bs.fat32Layout() ? "FAT32"
                    : "FAT12/16") + " layout but " + bs.clusterCount() + " clusters make it " + bs.typeName()
                    + " by the specification: Linux and Windows disagree on the FAT entry width", 0,
                    FatBootSector.SIZE));
        }
        if ((bs.ntFlags() & 1) != 0) {
            sink.report(v.finding(FatCodes.DIRTY, "the boot sector's dirty bit (byte " + bs.ntFlagsOffset()
                    + ") is set: the volume was mounted when the guest stopped", bs.ntFlagsOffset(), 1));
        }
        if (bs.fat32Layout()) {
            new Fat32Sectors(v, sink, bs).run();
        }
        monitor.checkpoint();
        checkFats(bs);
    }

    /** Whether a backup boot sector at sector 6 (where FAT32 keeps it) is valid, for the primary's finding. */
    private String backupNote() throws IOException {
        for (int bps = 512; bps <= 4096; bps <<= 1) {
            long at = 6L * bps;
            if (!v.contains(at, FatBootSector.SIZE)) break;
            FatBootSector b = FatBootSector.of(v.read(at, FatBootSector.SIZE));
            if (b.bytesPerSector() == bps && b.problems().isEmpty() && b.signatureValid() && b.fat32Layout()
                    && b.backupBootSector() == 6) {
                return "the backup boot sector at sector 6 (byte " + at + ") is valid: fsck.fat can restore the "
                        + "primary from it";
            }
        }
        return "no valid backup boot sector at sector 6";
    }

    private void checkFats(FatBootSector bs) throws IOException {
        int bps = bs.bytesPerSector();
        long fatBytes = bs.fatSectors() * bps;
        int n = (int) Math.min(FAT_COMPARE_BYTES, fatBytes);
        long first = (long) bs.reservedSectors() * bps;
        if (!v.contains(first, n)) return; // size.beyond-volume already says why
        byte[] fat0 = bytes(v.read(first, n));
        checkFirstEntries(bs, fat0, first);
        int copies = Math.min(bs.fatCount(), MAX_COMPARED_FATS);
        for (int i = 1; i < copies; i++) {
            long at = first + i * fatBytes;
            if (!v.contains(at, n)) return;
            byte[] copy = bytes(v.read(at, n));
            int diff = Arrays.mismatch(fat0, copy);
            if (diff >= 0) {
                sink.report(v.finding(FatCodes.FATS_DIFFER, "FAT " + (i + 1) + " (byte " + at + ") differs from FAT "
                        + "1 (byte " + first + ") at FAT byte " + diff + " (entry " + diff * 8 / bs.entryBits()
                        + ") of the first " + n + " bytes compared", at + diff, 1));
            }
        }
    }

    private void checkFirstEntries(FatBootSector bs, byte[] fat, long at) {
        ByteBuffer b = ByteBuffer.wrap(fat).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int media = bs.media();
        int bits = bs.entryBits();
        long e0;
        long e1;
        long expected;
        long clean = 0;
        long noError = 0;
        if (bits == 12) {
            if (fat.length < 3) return;
            int v3 = (fat[0] & 0xff) | (fat[1] & 0xff) << 8 | (fat[2] & 0xff) << 16;
            e0 = v3 & 0xfff;
            e1 = v3 >> 12;
            expected = 0xF00 | media;
        } else if (bits == 16) {
            if (fat.length < 4) return;
            e0 = b.getShort(0) & 0xffff;
            e1 = b.getShort(2) & 0xffff;
            expected = 0xFF00 | media;
            clean = 0x8000;
            noError = 0x4000;
        } else {
            if (fat.length < 8) return;
            e0 = b.getInt(0) & 0x0fffffffL;
            e1 = b.getInt(4) & 0x0fffffffL;
            expected = 0x0FFFFF00L | media;
            clean = 0x08000000L;
            noError = 0x04000000L;
        }
        if (e0 != expected) {
            sink.report(v.finding(FatCodes.MEDIA_MISMATCH, String.format("FAT[0] is 0x%X, not 0x%X for the media byte "
                    + "0x%02X of the boot sector", e0, expected, media), at, bits / 4));
        }
        List<String> dirty = new ArrayList<>();
        if (clean != 0 && (e1 & clean) == 0) dirty.add("the clean-shutdown bit is clear (the volume was mounted when "
                + "the guest stopped)");
        if (noError != 0 && (e1 & noError) == 0) dirty.add("the hard-error bit is clear (the driver met a disk "
                + "error)");
        if (!dirty.isEmpty()) {
            sink.report(v.finding(FatCodes.DIRTY, String.format("FAT[1] is 0x%X: ", e1) + String.join("; ", dirty),
                    at + bits / 8, bits / 8));
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }
}
