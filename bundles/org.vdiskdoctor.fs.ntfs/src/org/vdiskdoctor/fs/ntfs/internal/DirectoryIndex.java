// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.vdiskdoctor.core.spi.GuestVolume;

/**
 * Looks a name up in a directory's $I30 index: the entries of $INDEX_ROOT, then those of every INDX block of
 * $INDEX_ALLOCATION (fixups applied), each a $FILE_NAME key. Visiting every block instead of descending the B+ tree
 * needs no collation table and stays bounded: at most {@value #MAX_BLOCKS} blocks of at most 64 KiB.
 */
final class DirectoryIndex {

    static final int MAX_BLOCKS = 256;
    private static final int LAST = 2;

    private final GuestVolume v;
    private final MftRecord dir;
    private final long cs;

    DirectoryIndex(GuestVolume v, MftRecord dir, long cs) {
        this.v = v;
        this.dir = dir;
        this.cs = cs;
    }

    /** The MFT record number of {@code name} (compared ignoring case), or -1 when the index does not list it. */
    long find(String name) throws IOException {
        MftRecord.Attribute root = dir.findAny(MftRecord.INDEX_ROOT);
        byte[] r = root == null ? null : dir.value(root);
        if (r == null || r.length < 32) return -1;
        ByteBuffer le = ByteBuffer.wrap(r).order(ByteOrder.LITTLE_ENDIAN);
        long found = entries(r, 16, le.getInt(16), le.getInt(20), name);
        if (found >= 0) return found;
        long blockSize = le.getInt(8) & 0xffffffffL;
        MftRecord.Attribute alloc = dir.findAny(MftRecord.INDEX_ALLOCATION);
        RunList runs = alloc == null ? null : dir.runs(alloc);
        if (runs == null || blockSize < UpdateSequence.STRIDE || blockSize > NtfsBootSector.MAX_RECORD
                || Long.bitCount(blockSize) != 1) {
            return -1;
        }
        long blocks = Math.min(MAX_BLOCKS, Math.max(0, dir.dataSize(alloc)) / blockSize);
        for (long i = 0; i < blocks; i++) {
            long at = runs.locate(i * blockSize, blockSize, cs);
            if (at < 0 || !v.contains(at, blockSize)) continue;
            byte[] b = new byte[(int) blockSize];
            v.read(at, (int) blockSize).get(b);
            if (!new String(b, 0, 4, StandardCharsets.ISO_8859_1).equals("INDX") || UpdateSequence.apply(b) != null) {
                continue;
            }
            ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            found = entries(b, 24, h.getInt(24), h.getInt(28), name);
            if (found >= 0) return found;
        }
        return -1;
    }

    /** Scans the entries of the index header at {@code header}: from +{@code first} to +{@code size}. */
    private static long entries(byte[] b, int header, long first, long size, String name) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (first < 16 || size < first || header + size > b.length) return -1;
        int end = (int) (header + size);
        int p = (int) (header + first);
        while (p + 16 <= end) {
            int length = le.getShort(p + 8) & 0xffff;
            int key = le.getShort(p + 10) & 0xffff;
            int flags = le.getShort(p + 12) & 0xffff;
            if ((flags & LAST) != 0 || length < 16 || p + length > end) return -1;
            if (key >= 66 && 16 + key <= length) {
                int n = b[p + 16 + 64] & 0xff;
                if (66 + 2 * n <= key && new String(b, p + 16 + 66, 2 * n, StandardCharsets.UTF_16LE)
                        .equalsIgnoreCase(name)) {
                    return le.getLong(p) & 0xFFFF_FFFF_FFFFL;
                }
            }
            p += length; // length >= 16: the walk only moves forward
        }
        return -1;
    }
}
