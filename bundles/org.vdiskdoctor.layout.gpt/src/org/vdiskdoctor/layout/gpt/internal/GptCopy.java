// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import org.vdiskdoctor.core.spi.GuestDisk;

import java.io.IOException;

import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.layout.gpt.GptCodes;

/**
 * One copy of the GPT, a header and the array it names, read at one LBA. The copy is valid when the header has no
 * defect and the array's CRC-32 matches the header's PartitionEntryArrayCRC32 (UEFI spec 5.3.2: a header whose array
 * CRC fails is not a valid header).
 */
final class GptCopy {

    private final GuestDisk disk;
    private final long lba;
    private final GptHeader header;
    private final GptHeader.Defect defect;
    private final PartitionArray array;

    private GptCopy(GuestDisk disk, long lba, GptHeader header, GptHeader.Defect defect, PartitionArray array) {
        this.disk = disk;
        this.lba = lba;
        this.header = header;
        this.defect = defect;
        this.array = array;
    }

    /** Reads the header at {@code lba} and, when the header is sound, its array. */
    static GptCopy read(GuestDisk disk, long lba, Monitor monitor) throws IOException {
        if (lba < 1 || !disk.contains(lba, 1)) return new GptCopy(disk, lba, null, null, null);
        GptHeader h = GptHeader.read(disk, lba);
        GptHeader.Defect d = h.defect(disk.sectors());
        PartitionArray a = d == null ? PartitionArray.read(disk, h, monitor) : null;
        return new GptCopy(disk, lba, h, d, a);
    }

    long lba() {
        return lba;
    }

    /** The header, or {@code null} when {@link #lba()} is outside the disk. */
    GptHeader header() {
        return header;
    }

    /** The array, or {@code null} when the header was not sound enough to read it. */
    PartitionArray array() {
        return array;
    }

    boolean hasSignature() {
        return header != null && header.hasSignature();
    }

    /** The header's fields can be trusted (its array may still fail its CRC). */
    boolean headerSound() {
        return header != null && defect == null;
    }

    boolean arrayCrcMatches() {
        return array != null && array.computedCrc() == header.arrayCrc;
    }

    boolean valid() {
        return headerSound() && arrayCrcMatches();
    }

    /** Which code describes this copy's problem, for the primary or the backup. */
    FindingCode code(boolean primary) {
        if (header == null || defect != null && defect.fault() == GptHeader.Fault.HEADER) {
            return primary ? GptCodes.PRIMARY_HEADER_INVALID : GptCodes.BACKUP_HEADER_INVALID;
        }
        if (defect != null) return GptCodes.ARRAY_TOO_LARGE;
        return primary ? GptCodes.PRIMARY_ARRAY_CRC : GptCodes.BACKUP_ARRAY_CRC;
    }

    /** What is wrong with this copy, naming where it was read; {@code null} when it is valid. */
    String problem() {
        if (valid()) return null;
        if (header == null) return "LBA " + lba + " is outside the disk";
        if (defect != null) return "header at " + disk.whereLba(lba) + ": " + defect.text();
        return String.format("partition array at %s (%d entries of %d bytes): CRC-32 is 0x%08x, but the header at LBA "
                + "%d records 0x%08x", disk.whereLba(array.lba()), header.entryCount, header.entrySize,
                array.computedCrc(), lba, header.arrayCrc);
    }

    /** Sectors to point the evidence at: the header, or the array when only the array is bad. */
    long evidenceLba() {
        return headerSound() && array != null ? array.lba() : lba;
    }

    long evidenceSectors() {
        return headerSound() && array != null ? header.arraySectors() : 1;
    }
}
