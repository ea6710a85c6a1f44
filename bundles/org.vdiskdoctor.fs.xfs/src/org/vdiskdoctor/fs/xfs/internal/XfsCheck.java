// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.ByteSize;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.fs.xfs.XfsCodes;

/**
 * One check of one XFS volume: the primary superblock, the secondaries, the AG 0 headers and the log, in the order
 * xfs_repair's phase 1 and 2 look at them. Every location comes from a geometry that passed
 * {@link Superblock#geometryProblems()} and is checked against the volume before it is read.
 */
final class XfsCheck {

    /** Findings per kind of secondary superblock damage; the rest are counted in one more finding. */
    static final int MAX_SECONDARY_FINDINGS = 16;

    private final GuestVolume volume;
    private final FindingSink sink;
    private final Monitor monitor;

    XfsCheck(GuestVolume volume, FindingSink sink, Monitor monitor) {
        this.volume = volume;
        this.sink = sink;
        this.monitor = monitor;
    }

    void run() throws IOException {
        Superblock p = primary();
        List<String> geometry = p.geometryProblems();
        boolean located = geometry.isEmpty();
        List<SecondarySuperblocks.Copy> copies = located ? SecondarySuperblocks.read(volume, p, monitor) : List.of();
        SecondarySuperblocks.Copy rescue = located ? SecondarySuperblocks.firstUsable(copies)
                : SecondarySuperblocks.scan(volume, monitor);
        boolean crcBad = located && p.magicOk() && p.isV5() && p.hasWholeSector() && !p.crcOk();
        boolean primaryGood = p.magicOk() && located && !crcBad;
        found(p.magicOk() && located ? p : rescue != null ? rescue.sb() : p);
        if (!p.magicOk() || !located) {
            List<String> why = new ArrayList<>();
            if (!p.magicOk()) why.add("magic is 0x" + Integer.toHexString(p.magic()) + ", not \"XFSB\"");
            why.addAll(geometry);
            report(XfsCodes.SUPERBLOCK_INVALID, "the primary superblock is unusable: " + String.join("; ", why)
                    + ". " + rescueText(rescue, located), 0, Superblock.MIN_SECTOR);
        } else if (crcBad) {
            report(XfsCodes.SUPERBLOCK_CRC, String.format("the primary superblock's CRC-32C is 0x%08x, its %d-byte "
                    + "sector gives 0x%08x. ", p.crc(), p.sectSize(), p.computedCrc()) + rescueText(rescue, true),
                    Superblock.CRC_OFFSET, 4);
        }
        if (!located) return;
        if (p.bytes() > volume.size()) {
            report(XfsCodes.BEYOND_VOLUME, "the filesystem has " + p.dblocks() + " blocks of " + p.blockSize()
                    + " bytes (" + ByteSize.format(p.bytes()) + ") but the volume holds " + volume.size()
                    + " bytes (" + ByteSize.format(volume.size()) + "): "
                    + ByteSize.format(p.bytes() - volume.size()) + " of it are missing", 8, 8);
        }
        if (p.magicOk()) features(p);
        if (!p.logInsideFilesystem()) {
            report(XfsCodes.LOG_OUTSIDE, "the internal log (start block " + p.logStart() + ", " + p.logBlocks()
                    + " blocks) does not lie inside one AG of the filesystem", 48, 8);
        }
        secondaries(p, copies, primaryGood);
        agHeaders(p);
        if (primaryGood && p.logStart() != 0 && p.logInsideFilesystem()) log(p);
    }

    private Superblock primary() throws IOException {
        Superblock p = Superblock.parse(volume.read(0, Superblock.MIN_SECTOR));
        int sector = p.sectSize();
        boolean plausible = sector > Superblock.MIN_SECTOR && sector <= Superblock.MAX_SECTOR
                && Integer.bitCount(sector) == 1;
        if (p.magicOk() && plausible && volume.contains(0, sector)) p = Superblock.parse(volume.read(0, sector));
        return p;
    }

    private void found(Superblock sb) {
        long at = volume.guestOffset(0);
        String mount = at == 0 ? "mount -o loop" : "mount -o loop,offset=" + at + " or losetup -o " + at;
        report(XfsCodes.FOUND, "XFS v" + sb.version() + " filesystem" + (sb.label().isEmpty() ? "" : " '"
                + sb.label() + "'") + " UUID " + sb.uuidText() + ", " + ByteSize.format(sb.bytes()) + " in "
                + sb.agCount() + " AGs, " + sb.blockSize() + "-byte blocks" + (sb.logStart() == 0 ? ", external log"
                : "") + (sb.isV5() ? "" : " (v4 is deprecated: kernels built without CONFIG_XFS_SUPPORT_V4 refuse it)")
                + ", at guest byte " + at + " (" + mount + ")", 0, Superblock.MIN_SECTOR);
    }

    private String rescueText(SecondarySuperblocks.Copy rescue, boolean located) {
        if (rescue != null) {
            return "xfs_repair (without -n) finds a secondary superblock and copies it over the primary; the first "
                    + "valid one is in AG " + rescue.agno() + " at volume byte " + rescue.offset()
                    + (located ? "" : " (found by searching the volume: the primary's geometry cannot locate it)");
        }
        return located ? "No secondary superblock at the AG starts is valid either; xfs_repair will scan the whole "
                + "device for one" : "No valid secondary superblock in the first "
                + ByteSize.format(Math.min(volume.size(), SecondarySuperblocks.SCAN_LIMIT)) + " of the volume; "
                + "xfs_repair scans the whole device for one ('attempting to find secondary superblock')";
    }

    private void features(Superblock p) {
        if (p.inProgress() != 0) {
            report(XfsCodes.IN_PROGRESS, "sb_inprogress is " + p.inProgress() + ": mkfs.xfs did not finish, "
                    + "the kernel refuses to mount it", 126, 1);
        }
        if (!p.isV5()) return;
        int unknown = p.featuresIncompat() & ~Superblock.INCOMPAT_KNOWN;
        if (unknown != 0) {
            report(XfsCodes.UNKNOWN_INCOMPAT, String.format("incompatible feature bits 0x%08x are unknown (all "
                    + "incompat bits 0x%08x): kernels that do not know them refuse to mount it", unknown,
                    p.featuresIncompat()), 216, 4);
        }
        if ((p.featuresIncompat() & Superblock.INCOMPAT_NEEDS_REPAIR) != 0) {
            report(XfsCodes.NEEDS_REPAIR, "the needsrepair feature is set: the kernel refuses to mount it until "
                    + "xfs_repair has run", 216, 4);
        }
        int ro = p.featuresRoCompat() & ~Superblock.RO_COMPAT_KNOWN;
        if (ro != 0) {
            report(XfsCodes.UNKNOWN_RO_COMPAT, String.format("read-only-compatible feature bits 0x%08x are "
                    + "unknown: kernels that do not know them mount it read-only only", ro), 212, 4);
        }
    }

    private void secondaries(Superblock p, List<SecondarySuperblocks.Copy> copies, boolean compare) {
        int invalid = 0;
        int differ = 0;
        for (SecondarySuperblocks.Copy c : copies) {
            if (!c.usable()) {
                if (++invalid <= MAX_SECONDARY_FINDINGS) {
                    report(XfsCodes.SECONDARY_INVALID, "the secondary superblock of AG " + c.agno() + " is damaged: "
                            + String.join("; ", c.problems()), c.offset(), p.sectSize());
                }
            } else if (compare && !c.differences().isEmpty() && ++differ <= MAX_SECONDARY_FINDINGS) {
                report(XfsCodes.SECONDARY_MISMATCH, "the secondary superblock of AG " + c.agno() + " differs from "
                        + "the primary: " + String.join("; ", c.differences()), c.offset(), p.sectSize());
            }
        }
        if (invalid > MAX_SECONDARY_FINDINGS) {
            report(XfsCodes.SECONDARY_INVALID, (invalid - MAX_SECONDARY_FINDINGS) + " more secondary superblocks "
                    + "are damaged (" + invalid + " of " + copies.size() + ")", 0, 0);
        }
        if (compare && differ > MAX_SECONDARY_FINDINGS) {
            report(XfsCodes.SECONDARY_MISMATCH, (differ - MAX_SECONDARY_FINDINGS) + " more secondary superblocks "
                    + "differ from the primary", 0, 0);
        }
    }

    private void agHeaders(Superblock p) throws IOException {
        int s = p.sectSize();
        if (!volume.contains(s, 2L * s)) return; // a volume this short was reported as too small for the filesystem
        byte[] agf = new byte[s];
        volume.read(s, s).get(agf);
        byte[] agi = new byte[s];
        volume.read(2L * s, s).get(agi);
        List<String> f = AgHeaders.agfProblems(p, agf, 0);
        if (!f.isEmpty()) report(XfsCodes.AGF_INVALID, "the free-space header (AGF) of AG 0 is damaged: "
                + String.join("; ", f), s, s);
        List<String> i = AgHeaders.agiProblems(p, agi, 0);
        if (!i.isEmpty()) report(XfsCodes.AGI_INVALID, "the inode header (AGI) of AG 0 is damaged: "
                + String.join("; ", i), 2L * s, s);
    }

    private void log(Superblock p) throws IOException {
        long start = p.logByteOffset();
        long bytes = p.logBlocks() * p.blockSize();
        if (!volume.contains(start, bytes)) return; // reported as beyond the volume
        XfsLog.State st = XfsLog.read(volume, start, bytes, monitor);
        long at = start + Math.max(0, st.recordBb()) * XfsLog.BB;
        switch (st.kind()) {
            case DIRTY -> report(XfsCodes.LOG_DIRTY, "the log is dirty: " + st.detail() + ". Mounting replays it; "
                    + "xfs_repair refuses to run until it is replayed", at, XfsLog.BB);
            case UNREADABLE -> report(XfsCodes.LOG_UNREADABLE, "whether the log is clean cannot be told: "
                    + st.detail(), start, XfsLog.BB);
            default -> {
                // clean or zeroed: nothing to replay
            }
        }
    }

    private void report(org.vdiskdoctor.core.FindingCode code, String message, long offset, long length) {
        sink.report(volume.finding(code, message, offset, length));
    }
}
