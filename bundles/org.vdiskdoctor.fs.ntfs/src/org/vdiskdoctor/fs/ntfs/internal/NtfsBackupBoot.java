// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import java.io.IOException;
import java.util.Arrays;

import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.fs.ntfs.NtfsCodes;

/**
 * The backup boot sector of a volume whose primary is valid. mkntfs and Windows write it in the sector just past the
 * volume's counted sectors (total_sectors), which is the partition's last sector when NTFS fills the partition; a
 * partition grown without growing NTFS has it earlier. Both places are looked at.
 */
final class NtfsBackupBoot {

    private final GuestVolume v;
    private final FindingSink sink;
    private final NtfsBootSector primary;

    NtfsBackupBoot(GuestVolume v, FindingSink sink, NtfsBootSector primary) {
        this.v = v;
        this.sink = sink;
        this.primary = primary;
    }

    void run() throws IOException {
        long bps = primary.bytesPerSector();
        long counted = primary.totalSectors() <= v.size() / bps ? primary.totalSectors() * bps : -1;
        long last = NtfsProbe.lastSector(v);
        long validAt = -1;
        NtfsBootSector valid = null;
        for (long at : new long[] { counted, last }) {
            if (at <= 0 || !v.contains(at, NtfsBootSector.SIZE)) continue;
            NtfsBootSector b = NtfsBootSector.of(v.read(at, NtfsBootSector.SIZE));
            if (Arrays.equals(b.raw(), primary.raw())) return;
            if (valid == null && b.problems().isEmpty()) {
                valid = b;
                validAt = at;
            }
        }
        String places = (counted > 0 ? "byte " + counted : "the sector") + " (just past the "
                + primary.totalSectors() + " counted sectors" + (counted > 0 ? ")" : ", outside the volume)")
                + (last != counted ? " or the volume's last sector (byte " + last + ")" : "");
        if (valid == null) {
            sink.report(v.finding(NtfsCodes.BACKUP_BOOT_INVALID, "no valid backup boot sector at " + places
                    + "; the primary is valid", counted > 0 ? counted : 0, counted > 0 ? NtfsBootSector.SIZE : 0));
            return;
        }
        int diff = Arrays.mismatch(valid.raw(), primary.raw());
        sink.report(v.finding(NtfsCodes.BACKUP_BOOT_INVALID, "the backup boot sector at byte " + validAt
                + " differs from the primary from byte " + diff + " on; both are valid boot sectors and the primary"
                + " is the one in use", validAt + diff, 1));
    }
}
