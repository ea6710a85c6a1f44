// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The AGF (free space) and AGI (inodes) headers of an allocation group, in its second and third sector
 * ({@code libxfs/xfs_format.h}: struct xfs_agf, struct xfs_agi). Only the fields that say "this is the header of this
 * AG" are checked: magic, version, sequence number, length, and on v5 the CRC-32C and the filesystem UUID.
 */
final class AgHeaders {

    static final int AGF_MAGIC = 0x58414746; // "XAGF"
    static final int AGI_MAGIC = 0x58414749; // "XAGI"
    static final int AGF_UUID = 64;
    static final int AGF_CRC = 216;
    static final int AGI_UUID = 296;
    static final int AGI_CRC = 312;

    private AgHeaders() {
    }

    /** Problems of the AGF of AG {@code agno} read as one sector; empty when it is sound. */
    static List<String> agfProblems(Superblock sb, byte[] sector, long agno) {
        List<String> p = common(sb, sector, agno, AGF_MAGIC, "XAGF", AGF_UUID, AGF_CRC);
        if (p.isEmpty()) {
            ByteBuffer b = ByteBuffer.wrap(sector).order(ByteOrder.BIG_ENDIAN);
            long length = b.getInt(12) & 0xffff_ffffL;
            long free = b.getInt(52) & 0xffff_ffffL;
            long longest = b.getInt(56) & 0xffff_ffffL;
            if (free > length) p.add("free blocks " + free + " exceed the AG's " + length + " blocks");
            if (longest > free) p.add("longest free extent " + longest + " exceeds the free blocks " + free);
        }
        return p;
    }

    /** Problems of the AGI of AG {@code agno} read as one sector; empty when it is sound. */
    static List<String> agiProblems(Superblock sb, byte[] sector, long agno) {
        List<String> p = common(sb, sector, agno, AGI_MAGIC, "XAGI", AGI_UUID, AGI_CRC);
        if (p.isEmpty()) {
            ByteBuffer b = ByteBuffer.wrap(sector).order(ByteOrder.BIG_ENDIAN);
            long count = b.getInt(16) & 0xffff_ffffL;
            long free = b.getInt(28) & 0xffff_ffffL;
            if (free > count) p.add("free inodes " + free + " exceed the allocated inodes " + count);
        }
        return p;
    }

    private static List<String> common(Superblock sb, byte[] sector, long agno, int magic, String name, int uuidAt,
            int crcAt) {
        List<String> p = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(sector).order(ByteOrder.BIG_ENDIAN);
        if (b.getInt(0) != magic) {
            p.add("magic is 0x" + Integer.toHexString(b.getInt(0)) + ", not \"" + name + "\"");
            return p;
        }
        if (b.getInt(4) != 1) p.add("version " + b.getInt(4) + " is not 1");
        long seqno = b.getInt(8) & 0xffff_ffffL;
        if (seqno != agno) p.add("sequence number " + seqno + " is not AG " + agno);
        long length = b.getInt(12) & 0xffff_ffffL;
        long expected = agno == sb.agCount() - 1 ? sb.dblocks() - agno * sb.agBlocks() : sb.agBlocks();
        if (length != expected) p.add("length " + length + " blocks is not the AG's " + expected);
        if (sb.isV5()) {
            int stored = b.order(ByteOrder.LITTLE_ENDIAN).getInt(crcAt);
            int computed = Superblock.crcOf(sector, sector.length, crcAt);
            if (stored != computed) {
                p.add(String.format("CRC-32C is 0x%08x, the sector gives 0x%08x", stored, computed));
            }
            if (!Arrays.equals(Arrays.copyOfRange(sector, uuidAt, uuidAt + 16), sb.metadataUuid())) {
                p.add("UUID is not the filesystem's");
            }
        }
        return p;
    }
}
