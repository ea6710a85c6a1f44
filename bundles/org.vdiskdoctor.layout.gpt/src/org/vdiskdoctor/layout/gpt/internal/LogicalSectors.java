// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestDisk;
import org.vdiskdoctor.layout.gpt.GptCodes;

/**
 * The logical sector size a GPT was written for. A GPT counts in the disk's logical sectors: on a 4K-native disk
 * (4096-byte logical sectors) the primary header is at byte 4096 and the backup in the disk's last 4096 bytes.
 * The size the format records ({@link GuestDisk#sectorSize()}, 512 unless e.g. a VHDX says 4096) is tried first;
 * when neither header place holds "EFI PART" for it, the other common size is tried, so that raw dumps of 4Kn drives
 * and containers that record no sector size still show their partitions.
 */
final class LogicalSectors {

    /** The logical sector sizes disks have in practice (512 and 512e drives; 4Kn drives, VHDX, QEMU). */
    private static final int[] SIZES = { 512, 4096 };

    private LogicalSectors() {
    }

    /** {@code disk} in the sectors its GPT signature sits in: its own when it holds one there, else the other. */
    static GuestDisk choose(GuestDisk disk) throws IOException {
        if (hasSignature(disk)) return disk;
        for (int size : SIZES) {
            if (size == disk.sectorSize()) continue;
            GuestDisk other = disk.withSectorSize(size);
            if (hasSignature(other)) return other;
        }
        return disk;
    }

    /** "EFI PART" at LBA 1 or at the last LBA, counted in {@code disk}'s sectors. */
    private static boolean hasSignature(GuestDisk disk) throws IOException {
        if (disk.sectors() < 2) return false;
        return signatureAt(disk, 1) || signatureAt(disk, disk.lastLba());
    }

    private static boolean signatureAt(GuestDisk disk, long lba) throws IOException {
        ByteBuffer b = disk.readBytes(lba * disk.sectorSize(), GptHeader.SIGNATURE.length);
        byte[] sig = new byte[GptHeader.SIGNATURE.length];
        b.get(sig);
        return Arrays.equals(sig, GptHeader.SIGNATURE);
    }

    /**
     * Says when the GPT was found in other sectors than the format records: a mismatch when the format records a size
     * of its own (a VHDX's Logical Sector Size, which the hypervisor presents to the guest), else what a VM must
     * present for the guest to see the table.
     */
    static void report(GptLayout layout, FindingSink sink) {
        if (!layout.sectorSizeDetected()) return;
        GuestDisk disk = layout.disk();
        int found = disk.sectorSize();
        int declared = layout.declaredSectorSize();
        String where = "the GPT header is at byte " + found + " (LBA 1 of " + found + "-byte sectors)";
        if (declared != GuestDisk.SECTOR) {
            sink.report(disk.finding(GptCodes.SECTOR_SIZE_MISMATCH, "the image records " + declared + "-byte logical "
                    + "sectors, but " + where + ": a guest given " + declared + "-byte sectors finds no partition "
                    + "table. Partitions are read here in " + found + "-byte sectors", 1, 1));
        } else {
            sink.report(disk.finding(GptCodes.SECTOR_SIZE_DETECTED, "the disk has " + found + "-byte logical sectors: "
                    + where + ", and its LBAs count " + found + "-byte units. A VM must present it with " + found
                    + "-byte logical sectors (QEMU: logical_block_size=" + found + "), else the guest finds no "
                    + "partition table", 1, 1));
        }
    }
}
