// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * The copies of the superblock at the start of AG 1 … agcount-1, located with a trusted geometry (the primary's).
 * Only AGs whose first sector lies inside the volume are read; the caller reports a filesystem larger than the volume.
 */
final class SecondarySuperblocks {

    /** One secondary: its AG, its volume byte, and why it is unusable or how it differs from the primary. */
    record Copy(long agno, long offset, Superblock sb, List<String> problems, List<String> differences) {
        boolean usable() {
            return problems.isEmpty();
        }
    }

    /** Bytes searched for a secondary when the primary gives no usable geometry (xfs_repair searches everything). */
    static final long SCAN_LIMIT = 2L << 30;
    private static final int SCAN_CHUNK = 1 << 20;

    private SecondarySuperblocks() {
    }

    /**
     * The first valid superblock after the primary, found as xfs_repair's {@code find_secondary_sb} does when the
     * primary's geometry cannot be used: every 512-byte sector is looked at for "XFSB", and a candidate counts when
     * its geometry and CRC are sound and its own AG size puts it at the start of one of its AGs. Searches at most
     * {@link #SCAN_LIMIT} bytes of the volume; {@code null} when none is there.
     */
    static Copy scan(GuestVolume volume, Monitor monitor) throws IOException {
        long end = Math.min(volume.size(), SCAN_LIMIT);
        for (long chunk = 0; chunk < end; chunk += SCAN_CHUNK) {
            monitor.checkpoint();
            int n = (int) Math.min(SCAN_CHUNK, end - chunk);
            ByteBuffer b = volume.read(chunk, n).order(ByteOrder.BIG_ENDIAN);
            for (int i = chunk == 0 ? Superblock.MIN_SECTOR : 0; i + Superblock.MIN_SECTOR <= n;
                    i += Superblock.MIN_SECTOR) {
                if (b.getInt(i) != Superblock.MAGIC) continue;
                Copy c = candidate(volume, chunk + i);
                if (c != null) return c;
            }
        }
        return null;
    }

    private static Copy candidate(GuestVolume volume, long at) throws IOException {
        Superblock sb = Superblock.parse(volume.read(at, Superblock.MIN_SECTOR));
        if (!sb.geometryProblems().isEmpty() || at % sb.agBytes() != 0) return null;
        long agno = at / sb.agBytes();
        if (agno < 1 || agno >= sb.agCount() || !volume.contains(at, sb.sectSize())) return null;
        sb = Superblock.parse(volume.read(at, sb.sectSize()));
        if (sb.isV5() && !sb.crcOk()) return null;
        return new Copy(agno, at, sb, List.of(), List.of());
    }

    /** Every secondary inside the volume, judged against {@code geometry}. */
    static List<Copy> read(GuestVolume volume, Superblock geometry, Monitor monitor) throws IOException {
        List<Copy> out = new ArrayList<>();
        long agBytes = geometry.agBytes();
        int sector = geometry.sectSize();
        for (long agno = 1; agno < geometry.agCount(); agno++) {
            monitor.checkpoint();
            long at = agno * agBytes;
            if (!volume.contains(at, sector)) break;
            Superblock sb = Superblock.parse(volume.read(at, sector));
            List<String> problems = problems(sb, geometry, agno);
            out.add(new Copy(agno, at, sb, problems, problems.isEmpty() ? differences(geometry, sb) : List.of()));
        }
        return out;
    }

    /** The first usable secondary, or {@code null}. */
    static Copy firstUsable(List<Copy> copies) {
        return copies.stream().filter(Copy::usable).findFirst().orElse(null);
    }

    private static List<String> problems(Superblock sb, Superblock geometry, long agno) {
        List<String> p = new ArrayList<>();
        if (!sb.magicOk()) {
            p.add("magic is 0x" + Integer.toHexString(sb.magic()) + ", not \"XFSB\"");
            return p;
        }
        p.addAll(sb.geometryProblems());
        if (p.isEmpty() && sb.agBytes() != geometry.agBytes()) {
            p.add("its AG size " + sb.agBytes() + " bytes does not put it at AG " + agno);
        }
        if (p.isEmpty() && sb.isV5() && sb.sectSize() <= sb.raw().length && !sb.crcOk()) {
            p.add(String.format("CRC-32C is 0x%08x, the sector gives 0x%08x", sb.crc(), sb.computedCrc()));
        }
        return p;
    }

    /**
     * Geometry a secondary must share with the primary (xfs_repair's "primary/secondary superblock conflict"). Not
     * the feature words: the kernel changes them in the primary only, so old secondaries differing there are normal.
     */
    static List<String> differences(Superblock primary, Superblock s) {
        List<String> d = new ArrayList<>();
        same(d, "block size", primary.blockSize(), s.blockSize());
        same(d, "data blocks", primary.dblocks(), s.dblocks());
        same(d, "AG blocks", primary.agBlocks(), s.agBlocks());
        same(d, "AG count", primary.agCount(), s.agCount());
        same(d, "sector size", primary.sectSize(), s.sectSize());
        same(d, "inode size", primary.inodeSize(), s.inodeSize());
        same(d, "version number", primary.versionNum(), s.versionNum());
        same(d, "log start", primary.logStart(), s.logStart());
        same(d, "log blocks", primary.logBlocks(), s.logBlocks());
        if (!Arrays.equals(primary.uuid(), s.uuid())) d.add("UUID " + s.uuidText() + " vs " + primary.uuidText());
        return d;
    }

    private static void same(List<String> d, String what, long primary, long secondary) {
        if (primary != secondary) d.add(what + " " + secondary + " vs " + primary);
    }
}
