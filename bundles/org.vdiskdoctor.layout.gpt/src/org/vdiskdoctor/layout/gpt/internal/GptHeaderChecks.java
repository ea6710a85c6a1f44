// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import org.vdiskdoctor.core.spi.GuestDisk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.layout.gpt.GptCodes;

/**
 * The checks on the GPT's headers and the protective MBR: which copy is valid (naming the good one), where the
 * backup is compared with the disk's end, the usable range, the revision, and the protective MBR's size.
 */
final class GptHeaderChecks {

    private final GptLayout layout;
    private final GuestDisk disk;
    private final FindingSink sink;

    GptHeaderChecks(GptLayout layout, FindingSink sink) {
        this.layout = layout;
        this.disk = layout.disk();
        this.sink = sink;
    }

    void run() {
        GptCopy primary = layout.primary();
        GptCopy backup = layout.backup();
        GptCopy chosen = layout.chosen();
        if (chosen == null) {
            sink.report(disk.finding(GptCodes.NO_VALID_HEADER, "the disk is marked as GPT but no copy of the table is "
                    + "valid. Primary: " + primary.problem() + ". Backup: " + backup.problem()
                    + ". If the disk was enlarged, the backup may still sit at the old end of the disk", 1, 1));
            return;
        }
        boolean beyondEnd = false;
        if (!primary.valid()) {
            sink.report(disk.finding(primary.code(true), "primary GPT " + primary.problem() + "; the backup header at "
                    + disk.whereLba(backup.lba()) + " and its partition array at LBA " + backup.array().lba()
                    + " are valid", primary.evidenceLba(), primary.evidenceSectors()));
        } else {
            beyondEnd = checkBackupPlace(primary, backup);
            if (backup.valid()) compareCopies(primary.header(), backup.header());
        }
        GptHeader h = chosen.header();
        if (h.revision != GptHeader.REVISION_1_0) {
            sink.report(disk.finding(GptCodes.UNKNOWN_REVISION, String.format("the GPT header at LBA %d has revision "
                    + "0x%08x; every tool writes 1.0 (0x00010000)", chosen.lba(), h.revision), chosen.lba(), 1));
        }
        checkUsableRange(chosen, primary, backup, beyondEnd);
        checkProtectiveMbr();
    }

    /** Returns whether the backup lies beyond the disk's end. */
    private boolean checkBackupPlace(GptCopy primary, GptCopy backup) {
        long alt = primary.header().alternateLba;
        long last = disk.lastLba();
        if (Long.compareUnsigned(alt, last) > 0) {
            sink.report(disk.finding(GptCodes.BACKUP_BEYOND_END, "the primary GPT header says the backup header is at "
                    + "LBA " + Long.toUnsignedString(alt) + ", but the disk has only " + disk.sectors()
                    + " sectors (last LBA " + last + "): the disk is " + bytesShort(alt)
                    + " smaller than when the table was written (LastUsableLBA "
                    + Long.toUnsignedString(primary.header().lastUsable) + ")", 1, 1));
            return true;
        }
        if (backup.valid()) {
            if (alt < last) {
                sink.report(disk.finding(GptCodes.BACKUP_NOT_AT_END, "the backup GPT header is valid at "
                        + disk.whereLba(alt) + ", but the disk's last LBA is " + last + " (byte " + last
                        * disk.sectorSize() + "): the disk grew by " + (last - alt) * disk.sectorSize()
                        + " bytes after the table was written", alt, 1));
            }
        } else {
            String where = alt < last ? " (named by the primary's AlternateLBA; the disk's last LBA is " + last + ")"
                    : "";
            sink.report(disk.finding(backup.code(false), "backup GPT " + backup.problem() + where
                    + "; the primary header at LBA 1 and its partition array at LBA " + primary.array().lba()
                    + " are valid", backup.evidenceLba(), backup.evidenceSectors()));
        }
        return false;
    }

    /** Both copies valid: they must describe the same table (gdisk: "Main and backup partition tables differ"). */
    private void compareCopies(GptHeader p, GptHeader b) {
        List<String> differ = new ArrayList<>();
        if (b.alternateLba != 1) differ.add("the backup's AlternateLBA is " + Long.toUnsignedString(b.alternateLba)
                + ", not 1");
        if (p.firstUsable != b.firstUsable || p.lastUsable != b.lastUsable) {
            differ.add("usable range " + p.firstUsable + ".." + p.lastUsable + " vs " + b.firstUsable + ".."
                    + b.lastUsable);
        }
        if (!Arrays.equals(p.diskGuid, b.diskGuid)) {
            differ.add("DiskGUID " + p.diskGuidText() + " vs " + b.diskGuidText());
        }
        if (p.entryCount != b.entryCount || p.entrySize != b.entrySize) {
            differ.add("array of " + p.entryCount + " × " + p.entrySize + " vs " + b.entryCount + " × " + b.entrySize
                    + " bytes");
        } else if (p.arrayCrc != b.arrayCrc) {
            differ.add(String.format("partition entries (array CRC-32 0x%08x vs 0x%08x)", p.arrayCrc, b.arrayCrc));
        }
        if (differ.isEmpty()) return;
        sink.report(disk.finding(GptCodes.COPIES_DIFFER, "the primary GPT (LBA 1) and the backup (LBA " + b.location
                + ") are both valid but differ: " + String.join("; ", differ) + ". The primary is used; a tool that "
                + "falls back to the backup would see another table", b.location, 1));
    }

    private String bytesShort(long alt) {
        return Long.toUnsignedString((alt - disk.lastLba()) * disk.sectorSize()) + " bytes";
    }

    private void checkUsableRange(GptCopy chosen, GptCopy primary, GptCopy backup, boolean beyondEnd) {
        GptHeader h = chosen.header();
        String problem = null;
        if (Long.compareUnsigned(h.firstUsable, h.lastUsable) > 0) {
            problem = "FirstUsableLBA " + Long.toUnsignedString(h.firstUsable) + " is after LastUsableLBA "
                    + Long.toUnsignedString(h.lastUsable);
        } else if (!beyondEnd && Long.compareUnsigned(h.lastUsable, disk.lastLba()) >= 0) {
            problem = "LastUsableLBA " + Long.toUnsignedString(h.lastUsable) + " is at or past the disk's last LBA "
                    + disk.lastLba();
        } else if (primary.headerSound() && primary.header().entryLba + primary.header().arraySectors()
                > h.firstUsable) {
            problem = "the primary partition array (LBA " + primary.header().entryLba + ", "
                    + primary.header().arraySectors() + " sectors) reaches past FirstUsableLBA " + h.firstUsable;
        } else if (backup.headerSound() && Long.compareUnsigned(backup.header().entryLba, h.lastUsable) <= 0) {
            problem = "the backup partition array at LBA " + backup.header().entryLba + " lies at or before "
                    + "LastUsableLBA " + Long.toUnsignedString(h.lastUsable);
        }
        if (problem != null) {
            sink.report(disk.finding(GptCodes.USABLE_RANGE, "GPT header at LBA " + chosen.lba() + ": " + problem,
                    chosen.lba(), 1));
        }
    }

    private void checkProtectiveMbr() {
        ProtectiveMbr p = layout.pmbr();
        if (!p.present()) {
            String what = !p.signature() ? "LBA 0 has no 55 AA signature"
                    : "LBA 0 has no partition entry of type 0xEE (it holds " + p.otherEntries() + " other entries)";
            sink.report(disk.finding(GptCodes.PMBR_MISSING, "the disk has a valid GPT, but " + what
                    + ": Linux and UEFI firmware do not use a GPT without its protective MBR", 0, 1));
            return;
        }
        long expected = ProtectiveMbr.expectedSize(disk.sectors());
        if (p.protectiveOnly() && (p.eeSize() != expected || p.eeStart() != 1)) {
            sink.report(disk.finding(GptCodes.PMBR_SIZE_MISMATCH, "the protective MBR's 0xEE entry (entry " + p.eeSlot()
                    + ") covers LBA " + p.eeStart() + " + " + p.eeSize() + " sectors, but the disk needs LBA 1 + "
                    + expected + " (fdisk: \"GPT PMBR size mismatch (" + p.eeSize() + " != " + expected + ")\")", 0,
                    1));
        }
    }
}
