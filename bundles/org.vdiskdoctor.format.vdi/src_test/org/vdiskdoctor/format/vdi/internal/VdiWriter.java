// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * A test-side VDI writer built from the specification (VirtualBox {@code VDICore.h}), for what {@code qemu-img}
 * cannot make: differencing images with parent UUIDs. It writes a version 1.1 "1plus" header (0x190 bytes, as
 * VirtualBox does) with the Oracle text, the block map at 0x200 and the data blocks after it, in guest order. Proven
 * by {@code VdiWriterTest}: a dynamic image it writes converts with {@code qemu-img} to the same guest bytes.
 */
final class VdiWriter {

    static final int BLOCK = 1 << 20;

    int type = VdiHeader.TYPE_NORMAL;
    long diskSize;
    UUID create = UUID.randomUUID();
    UUID modify = UUID.randomUUID();
    UUID linkage;
    UUID parentModify;
    /** Per block: its 1 MiB of data, {@link #ZERO_BLOCK} for a zero entry, or null for a free entry. */
    byte[][] blocks;

    static final byte[] ZERO_BLOCK = new byte[0];

    VdiWriter(long diskSize) {
        this.diskSize = diskSize;
        this.blocks = new byte[(int) ((diskSize + BLOCK - 1) / BLOCK)][];
    }

    /** A block of {@code value} bytes from {@code from} to {@code to} (exclusive), zeros elsewhere. */
    static byte[] pattern(int value, int from, int to) {
        byte[] b = new byte[BLOCK];
        java.util.Arrays.fill(b, from, to, (byte) value);
        return b;
    }

    /** RTUUID layout: the first three fields little-endian, the rest as in the text form. */
    static byte[] raw(UUID u) {
        ByteBuffer b = ByteBuffer.allocate(16);
        if (u == null) return b.array();
        long hi = u.getMostSignificantBits();
        b.order(ByteOrder.LITTLE_ENDIAN).putInt((int) (hi >>> 32)).putShort((short) (hi >>> 16)).putShort((short) hi);
        b.order(ByteOrder.BIG_ENDIAN).putLong(u.getLeastSignificantBits());
        return b.array();
    }

    Path write(Path file) throws IOException {
        int n = blocks.length;
        long offBlocks = 0x200;
        long offData = offBlocks + ((4L * n + 511) & ~511L);
        ByteBuffer h = ByteBuffer.allocate((int) offBlocks).order(ByteOrder.LITTLE_ENDIAN);
        h.put("<<< Oracle VM VirtualBox Disk Image >>>\n".getBytes(StandardCharsets.US_ASCII));
        h.putInt(VdiHeader.OFF_SIGNATURE, (int) VdiHeader.SIGNATURE);
        h.putInt(VdiHeader.OFF_VERSION, (int) VdiHeader.VERSION_1_1);
        h.putInt(VdiHeader.OFF_HEADER_SIZE, VdiHeader.HEADER1_PLUS_SIZE);
        h.putInt(VdiHeader.OFF_TYPE, type);
        h.put(VdiHeader.OFF_COMMENT, "written by VdiWriter".getBytes(StandardCharsets.US_ASCII));
        h.putInt(VdiHeader.OFF_BLOCKS, (int) offBlocks);
        h.putInt(VdiHeader.OFF_DATA, (int) offData);
        h.putInt(VdiHeader.OFF_SECTOR_SIZE, 512);
        h.putLong(VdiHeader.OFF_DISK_SIZE, diskSize);
        h.putInt(VdiHeader.OFF_BLOCK_SIZE, BLOCK);
        h.putInt(VdiHeader.OFF_BLOCKS_TOTAL, n);
        h.put(VdiHeader.OFF_UUID_CREATE, raw(create));
        h.put(VdiHeader.OFF_UUID_MODIFY, raw(modify));
        h.put(VdiHeader.OFF_UUID_LINKAGE, raw(linkage));
        h.put(VdiHeader.OFF_UUID_PARENT_MODIFY, raw(parentModify));
        h.putInt(VdiHeader.OFF_LCHS_GEOMETRY, 0);
        h.putInt(VdiHeader.OFF_LCHS_GEOMETRY + 12, 512);
        ByteBuffer map = ByteBuffer.allocate((int) (offData - offBlocks)).order(ByteOrder.LITTLE_ENDIAN);
        int allocated = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < n; i++) {
                if (blocks[i] == null) {
                    map.putInt(Layout.FREE);
                } else if (blocks[i] == ZERO_BLOCK) {
                    map.putInt(Layout.ZERO);
                } else {
                    map.putInt(allocated);
                    writeFully(ch, ByteBuffer.wrap(blocks[i]), offData + (long) allocated * BLOCK);
                    allocated++;
                }
            }
            h.putInt(VdiHeader.OFF_BLOCKS_ALLOCATED, allocated);
            writeFully(ch, h.rewind(), 0);
            writeFully(ch, map.rewind(), offBlocks);
            if (allocated == 0) ch.truncate(offData);
        }
        return file;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) ch.write(b, at + b.position());
    }

    /** The guest bytes this image shows, given its parent's guest bytes (null: no parent, free reads zeros). */
    byte[] guest(byte[] parent) {
        byte[] g = new byte[(int) diskSize];
        for (int i = 0; i < blocks.length; i++) {
            int from = i * BLOCK;
            int len = (int) Math.min(BLOCK, diskSize - from);
            if (blocks[i] == null && parent != null) {
                System.arraycopy(parent, from, g, from, Math.max(0, Math.min(len, parent.length - from)));
            } else if (blocks[i] != null && blocks[i] != ZERO_BLOCK) {
                System.arraycopy(blocks[i], 0, g, from, len);
            }
        }
        return g;
    }
}
