// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.fs.ntfs.NtfsCodes;

/** One run of the NTFS checks over one volume. Every offset from the boot sector is checked against the volume. */
final class NtfsChecks {

    static final int VOLUME_RECORD = 3;
    static final int MIRRORED = 4;

    private final GuestVolume v;
    private final FindingSink sink;
    private final Monitor monitor;

    NtfsChecks(GuestVolume v, FindingSink sink, Monitor monitor) {
        this.v = v;
        this.sink = sink;
        this.monitor = monitor;
    }

    void run() throws IOException {
        if (!v.contains(0, NtfsBootSector.SIZE)) return;
        NtfsBootSector primary = NtfsBootSector.of(v.read(0, NtfsBootSector.SIZE));
        List<String> problems = primary.problems();
        NtfsBootSector bs = primary;
        if (!problems.isEmpty()) {
            long last = NtfsProbe.lastSector(v);
            NtfsBootSector backup = last > 0 ? NtfsBootSector.of(v.read(last, NtfsBootSector.SIZE)) : null;
            boolean usable = backup != null && NtfsProbe.isBackupOf(v, backup);
            sink.report(v.finding(NtfsCodes.BOOT_SECTOR_INVALID, "the NTFS boot sector has " + String.join(", ",
                    problems) + "; " + (usable ? "the backup boot sector in the last sector (byte " + last
                    + ") is valid and is used for the checks below: it can be copied back" : "no valid backup boot "
                    + "sector in the last sector of the volume"), 0, NtfsBootSector.SIZE));
            if (!usable) return;
            bs = backup;
        }
        long cs = bs.clusterSize();
        long bytes = bs.totalSectors() > Long.MAX_VALUE / bs.bytesPerSector() ? Long.MAX_VALUE
                : bs.totalSectors() * bs.bytesPerSector();
        if (bytes > v.size()) {
            sink.report(v.finding(NtfsCodes.SIZE_BEYOND_VOLUME, "the filesystem has " + bs.totalSectors()
                    + " sectors of " + bs.bytesPerSector() + " bytes but its volume has only " + v.size()
                    + " bytes", 40, 8));
        }
        if (problems.isEmpty()) new NtfsBackupBoot(v, sink, primary).run();
        int rs = (int) bs.mftRecordSize();
        long mft = at(bs.mftCluster(), cs, (long) rs * MIRRORED);
        long mirr = at(bs.mftMirrCluster(), cs, (long) rs * MIRRORED);
        if (mft < 0 || mirr < 0) {
            sink.report(v.finding(NtfsCodes.MFT_OUTSIDE_VOLUME, (mft < 0 ? "$MFT at cluster " + bs.mftCluster()
                    : "$MFTMirr at cluster " + bs.mftMirrCluster()) + " (clusters of " + cs + " bytes) lies outside "
                    + "the volume of " + v.size() + " bytes", mft < 0 ? 48 : 56, 8));
        }
        monitor.checkpoint();
        MftRecord[] records = new MftRecord[MIRRORED];
        MftRecord[] mirror = new MftRecord[MIRRORED];
        for (int i = 0; i < MIRRORED; i++) {
            if (mft >= 0) records[i] = record(mft + (long) i * rs, rs);
            if (mirr >= 0) mirror[i] = record(mirr + (long) i * rs, rs);
        }
        compare(records, mirror, mft, mirr, rs);
        String label = records[VOLUME_RECORD] != null && records[VOLUME_RECORD].error() == null
                ? volume(records[VOLUME_RECORD], mft + (long) VOLUME_RECORD * rs) : "";
        long offset = v.volume().offset();
        sink.report(v.finding(NtfsCodes.FOUND, String.format("NTFS filesystem%s serial %016X, %d sectors, clusters of "
                + "%d bytes, $MFT at cluster %d, $MFTMirr at cluster %d, at guest byte %d (mount -t ntfs-3g -o "
                + "ro,loop,offset=%d)", label, bs.serial(), bs.totalSectors(), cs, bs.mftCluster(),
                bs.mftMirrCluster(), offset, offset), 0, NtfsBootSector.SIZE));
        if (records[0] != null && records[0].error() == null) {
            monitor.checkpoint();
            new Hibernation(v, sink, records[0], cs, rs).run();
        }
    }

    /** The byte offset of {@code length} bytes at cluster {@code lcn}, or -1 when they are not inside the volume. */
    private long at(long lcn, long cs, long length) {
        if (lcn < 0 || cs <= 0 || lcn > v.size() / cs) return -1;
        long off = lcn * cs;
        return v.contains(off, length) ? off : -1;
    }

    private MftRecord record(long at, int rs) throws IOException {
        ByteBuffer b = v.read(at, rs);
        byte[] a = new byte[rs];
        b.get(a);
        return MftRecord.of(a);
    }

    private void compare(MftRecord[] records, MftRecord[] mirror, long mft, long mirr, int rs) {
        for (int i = 0; i < MIRRORED; i++) {
            MftRecord r = records[i];
            MftRecord m = mirror[i];
            if (r != null && r.error() != null) {
                String copy = m == null ? "" : m.error() == null ? "; the copy in $MFTMirr is intact"
                        : "; the copy in $MFTMirr is damaged too (" + m.error() + ")";
                sink.report(v.finding(NtfsCodes.MFT_RECORD_INVALID, "MFT record " + i + " " + name(i) + ": "
                        + r.error() + copy, mft + (long) i * rs, rs));
            } else if (m != null && m.error() != null) {
                sink.report(v.finding(NtfsCodes.MFT_RECORD_INVALID, "$MFTMirr's copy of MFT record " + i + " "
                        + name(i) + ": " + m.error() + (r != null ? "; the record in $MFT is intact" : ""),
                        mirr + (long) i * rs, rs));
            } else if (r != null && m != null) {
                int diff = Arrays.mismatch(r.bytes(), m.bytes());
                if (diff >= 0) {
                    sink.report(v.finding(NtfsCodes.MFTMIRR_DIFFERS, "$MFTMirr does not match $MFT (record " + i + " "
                            + name(i) + ", first difference at byte " + diff + " of the record); both copies are "
                            + "valid records", mirr + (long) i * rs + diff, 1));
                    return; // ntfs-3g stops at the first mismatch, and so do we
                }
            }
        }
    }

    private static String name(int record) {
        return switch (record) {
            case 0 -> "($MFT)";
            case 1 -> "($MFTMirr)";
            case 2 -> "($LogFile)";
            default -> "($Volume)";
        };
    }

    /** Reports the dirty flag of $VOLUME_INFORMATION; returns " 'label'" from $VOLUME_NAME or "". */
    private String volume(MftRecord r, long at) {
        MftRecord.Attribute info = r.find(MftRecord.VOLUME_INFORMATION);
        byte[] value = info == null ? null : r.value(info);
        if (value != null && value.length >= 12) {
            int flags = (value[10] & 0xff) | (value[11] & 0xff) << 8;
            if ((flags & 1) != 0) {
                sink.report(v.finding(NtfsCodes.VOLUME_DIRTY, String.format("$Volume (MFT record 3) has the dirty flag "
                        + "set (volume flags 0x%04X, NTFS %d.%d): Windows did not shut down cleanly or chkdsk is "
                        + "scheduled", flags, value[8], value[9]), at, r.bytes().length));
            }
        }
        MftRecord.Attribute name = r.find(MftRecord.VOLUME_NAME);
        byte[] n = name == null ? null : r.value(name);
        if (n == null || n.length < 2) return "";
        return " '" + new String(n, 0, n.length & ~1, StandardCharsets.UTF_16LE) + "'";
    }
}
