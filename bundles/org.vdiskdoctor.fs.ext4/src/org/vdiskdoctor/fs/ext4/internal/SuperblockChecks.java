// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.fs.ext4.Ext4Codes;

/**
 * Checks of the primary superblock alone: features a kernel cannot handle, its checksum, its geometry against the
 * volume, and the state the last mount left (errors, journal to replay, orphans, periodic check due).
 */
final class SuperblockChecks {

    private static final String[] ERRORS_BEHAVIOUR = { "?", "continue", "remount read-only", "panic" };

    private final GuestVolume volume;
    private final FindingSink sink;
    private final Superblock sb;
    private final long now;

    SuperblockChecks(GuestVolume volume, FindingSink sink, Superblock sb, long nowEpochSeconds) {
        this.volume = volume;
        this.sink = sink;
        this.sb = sb;
        this.now = nowEpochSeconds;
    }

    private void report(FindingCode code, String message) {
        sink.report(volume.finding(code, message, Superblock.PRIMARY_OFFSET, Superblock.SIZE));
    }

    void features() {
        int unknownIncompat = sb.incompat() & ~Features.INCOMPAT_KNOWN;
        if (unknownIncompat != 0) {
            report(Ext4Codes.INCOMPAT_UNKNOWN, String.format("feature_incompat has bits 0x%x (%s) that Linux does "
                    + "not know: the kernel refuses to mount it (\"couldn't mount because of unsupported optional "
                    + "features (%x)\")", unknownIncompat, Features.incompatNames(unknownIncompat), unknownIncompat));
        }
        int unknownRo = sb.roCompat() & ~Features.RO_COMPAT_KNOWN;
        if (unknownRo != 0) {
            report(Ext4Codes.RO_COMPAT_UNKNOWN, String.format("feature_ro_compat has bits 0x%x (%s) that Linux does "
                    + "not know: it mounts only read-only (\"couldn't mount RDWR because of unsupported optional "
                    + "features (%x)\")", unknownRo, Features.roCompatNames(unknownRo), unknownRo));
        }
    }

    void checksum() {
        if (!Features.hasMetadataCsum(sb)) return;
        if (sb.checksumType() != 1) {
            report(Ext4Codes.SUPERBLOCK_CHECKSUM, "metadata_csum is on but s_checksum_type is " + sb.checksumType()
                    + " (only 1, CRC-32C, exists)");
            return;
        }
        int stored = sb.storedChecksum();
        int computed = sb.computedChecksum();
        if (stored != computed) {
            report(Ext4Codes.SUPERBLOCK_CHECKSUM, String.format("superblock checksum 0x%08x, but its bytes give "
                    + "0x%08x: the kernel refuses to mount it (\"VFS: Found ext4 filesystem with invalid superblock "
                    + "checksum\")", stored, computed));
        }
    }

    /** The geometry, or {@code null} after reporting why there is none. */
    Geometry geometry() {
        List<String> problems = Geometry.problems(sb);
        if (!problems.isEmpty()) {
            report(Ext4Codes.GEOMETRY, "impossible superblock fields: " + String.join("; ", problems));
            return null;
        }
        Geometry g = Geometry.of(sb);
        long expectInodes = g.groups() * g.inodesPerGroup();
        if (sb.inodesCount() != expectInodes) {
            report(Ext4Codes.GEOMETRY, "s_inodes_count " + sb.inodesCount() + " is not " + g.groups() + " groups × "
                    + g.inodesPerGroup() + " inodes = " + expectInodes);
        }
        return g;
    }

    /** Reports a filesystem larger than its volume; true when it is. */
    boolean beyondVolume(Geometry g) {
        if (g.bytes() <= volume.size()) return false;
        sink.report(volume.finding(Ext4Codes.BEYOND_VOLUME, "the filesystem has " + g.blocksCount() + " blocks of "
                + g.blockSize() + " bytes (" + g.bytes() + " bytes) but the volume holds only " + volume.size()
                + " bytes; " + (g.bytes() - volume.size()) + " bytes are missing at its end: the partition or image "
                + "was shrunk below the filesystem, or the filesystem was grown past it", 0, volume.size()));
        return true;
    }

    void state() {
        int state = sb.state();
        boolean recover = (sb.incompat() & Features.INCOMPAT_RECOVER) != 0;
        if ((state & Superblock.STATE_ERRORS) != 0) {
            int e = sb.errorsBehaviour();
            report(Ext4Codes.STATE_ERRORS, "the kernel recorded errors in this filesystem (s_state 0x"
                    + Integer.toHexString(state) + ", " + sb.errorCount() + " errors counted; on errors it is set to "
                    + (e >= 1 && e <= 3 ? ERRORS_BEHAVIOUR[e] : "unknown value " + e) + ")");
        }
        if (recover) {
            report(Ext4Codes.NEEDS_RECOVERY, "needs_recovery: the journal holds transactions that were not written "
                    + "to their place; even a read-only mount replays them (mount -o ro,noload does not), and "
                    + "e2fsck -n cannot");
        } else if ((state & Superblock.STATE_VALID) == 0) {
            report(Ext4Codes.NOT_CLEAN, "s_state 0x" + Integer.toHexString(state)
                    + " lacks the clean bit: the filesystem was not cleanly unmounted");
        }
        if (sb.lastOrphan() != 0 || (state & Superblock.STATE_ORPHANS) != 0 || (sb.roCompat() & 0x10000) != 0) {
            report(Ext4Codes.ORPHANS, "inodes deleted or truncated while still open wait on the orphan list (first "
                    + "inode " + sb.lastOrphan() + "); the next read-write mount or e2fsck finishes them");
        }
    }

    void checkDue() {
        List<String> why = new ArrayList<>();
        if (sb.maxMountCount() > 0 && sb.mountCount() >= sb.maxMountCount()) {
            why.add("mounted " + sb.mountCount() + " times, the maximum between checks is " + sb.maxMountCount());
        }
        if (sb.checkInterval() > 0 && sb.lastCheck() + sb.checkInterval() < now) {
            why.add("last checked " + Instant.ofEpochSecond(sb.lastCheck()) + ", interval " + sb.checkInterval()
                    + " s");
        }
        if (!why.isEmpty()) report(Ext4Codes.CHECK_DUE, "a periodic check is due: " + String.join("; ", why));
    }
}
