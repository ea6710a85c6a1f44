// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.io.OutOfBoundsReadException;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

/**
 * A raw guest disk in memory as its non-zero 4 KiB blocks (a 300 MiB mkfs.xfs image holds a few MiB), so that the
 * mutation loop fits a small heap; named after a real file. Reads past the end fail as on raw.
 */
record SparseDisk(ImageSource source, NavigableMap<Long, byte[]> blocks, long length)
        implements OpenedImage, GuestReader {

    static final int BLOCK = 4096;
    private static final byte[] ZERO = new byte[BLOCK];

    /** The non-zero blocks of {@code file}. */
    static NavigableMap<Long, byte[]> load(Path file) throws IOException {
        NavigableMap<Long, byte[]> out = new TreeMap<>();
        long size = Files.size(file);
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            for (long at = 0; at < size; at += b.capacity()) {
                b.clear();
                while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
                    // read on
                }
                byte[] a = b.array();
                for (int i = 0; i < b.position(); i += BLOCK) {
                    for (int j = i; j < Math.min(i + BLOCK, b.position()); j++) {
                        if (a[j] != 0) {
                            byte[] block = new byte[BLOCK];
                            System.arraycopy(a, i, block, 0, Math.min(BLOCK, b.position() - i));
                            out.put(at + i, block);
                            break;
                        }
                    }
                }
            }
        }
        return out;
    }

    /** A copy whose blocks can be changed without touching this one's. */
    SparseDisk copy(long newLength) {
        NavigableMap<Long, byte[]> m = new TreeMap<>();
        for (Map.Entry<Long, byte[]> e : blocks.entrySet()) m.put(e.getKey(), e.getValue().clone());
        return new SparseDisk(source, m, newLength);
    }

    /** The 4 KiB block holding byte {@code offset}, created zeroed when absent. */
    byte[] blockAt(long offset) {
        return blocks.computeIfAbsent(offset / BLOCK * BLOCK, k -> new byte[BLOCK]);
    }

    @Override
    public String format() {
        return "raw";
    }

    @Override
    public long virtualSize() {
        return length;
    }

    @Override
    public void check(FindingSink sink, Monitor monitor) {
    }

    @Override
    public StructureNode describe() {
        return StructureNode.node("memory").build();
    }

    @Override
    public long guestSize() {
        return length;
    }

    @Override
    public void readGuest(long off, ByteBuffer dst) throws IOException {
        int n = dst.remaining();
        if (off < 0 || off > length || n > length - off) throw new OutOfBoundsReadException(off, n, length);
        int start = dst.position();
        for (int i = 0; i < n;) {
            long at = off + i;
            byte[] block = blocks.get(at / BLOCK * BLOCK);
            int inBlock = (int) (at % BLOCK);
            int k = Math.min(BLOCK - inBlock, n - i);
            if (block == null) {
                dst.put(start + i, ZERO, 0, k);
            } else {
                dst.put(start + i, block, inBlock, k);
            }
            i += k;
        }
        dst.position(start + n);
    }

    /** {@code n} bytes at {@code offset} of the blocks, ignoring the length (the mutation loop edits past a cut). */
    ByteBuffer readAll(long offset, int n) {
        ByteBuffer b = ByteBuffer.allocate(n);
        for (int i = 0; i < n; i++) {
            byte[] block = blocks.get((offset + i) / BLOCK * BLOCK);
            b.put(i, block == null ? 0 : block[(int) ((offset + i) % BLOCK)]);
        }
        return b;
    }
}
