// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test-side writer of dynamic and differencing VHDs, straight from the specification, because qemu-img cannot
 * create differencing VHDs. Layout: footer copy at 0, dynamic header at 512, BAT at 1536, parent locator data (512
 * bytes each) after it, then the blocks (sector bitmap + data) in the order first written, then the footer. The
 * creator is "win " (Hyper-V), so readers take the size from the current size field. {@link VhdWriterTest} proves
 * it: a dynamic disk it writes reads the same in {@code qemu-img convert} as in its own model.
 */
final class VhdWriter {

    private final long size;
    private final int blockSize;
    private final Map<Integer, byte[]> blocks = new TreeMap<>();
    private final Map<Integer, byte[]> bitmaps = new TreeMap<>();
    private final List<Integer> order = new ArrayList<>();
    private final List<Object[]> locators = new ArrayList<>();
    private byte[] uniqueId = new byte[16];
    private byte[] parentId;
    private long parentTimestamp;
    private String parentName = "";
    private long timestamp = 0x3000_0000L;

    VhdWriter(long size, int blockSize) {
        this.size = size;
        this.blockSize = blockSize;
        for (int i = 0; i < 16; i++) uniqueId[i] = (byte) (0x40 + i);
    }

    VhdWriter uniqueId(byte[] id) {
        this.uniqueId = id.clone();
        return this;
    }

    VhdWriter timestamp(long t) {
        this.timestamp = t;
        return this;
    }

    /** Makes the disk differencing, naming its parent by id (16 bytes as in the parent's footer) and time stamp. */
    VhdWriter parent(byte[] id, long parentTime, String unicodeName) {
        this.parentId = id.clone();
        this.parentTimestamp = parentTime;
        this.parentName = unicodeName;
        return this;
    }

    /** Adds a parent locator, e.g. {@code ("W2ru", ".\\base.vhd")}; UTF-16LE for W2ru/W2ku. */
    VhdWriter locator(String code, String path) {
        locators.add(new Object[] { code, path });
        return this;
    }

    /** Writes guest bytes at a sector-aligned offset, marking their sectors present in the block bitmaps. */
    VhdWriter write(long guestOffset, byte[] data) {
        for (int k = 0; k < data.length; k += 512) {
            long at = guestOffset + k;
            int index = (int) (at / blockSize);
            int inBlock = (int) (at % blockSize);
            byte[] block = blocks.computeIfAbsent(index, i -> {
                order.add(i);
                return new byte[blockSize];
            });
            System.arraycopy(data, k, block, inBlock, Math.min(512, data.length - k));
            byte[] bm = bitmaps.computeIfAbsent(index, i -> new byte[(int) DynamicHeader.bitmapBytes(blockSize)]);
            int s = inBlock / 512;
            bm[s / 8] |= (byte) (0x80 >>> (s % 8));
        }
        return this;
    }

    /** The guest's disk as this writer's model says (unwritten sectors of a differencing disk come from {@code base}). */
    byte[] model(byte[] base) {
        byte[] g = base == null ? new byte[(int) size] : base.clone();
        for (Map.Entry<Integer, byte[]> e : blocks.entrySet()) {
            byte[] bm = bitmaps.get(e.getKey());
            for (int s = 0; s < blockSize / 512; s++) {
                long at = (long) e.getKey() * blockSize + s * 512L;
                boolean present = (bm[s / 8] & (0x80 >>> (s % 8))) != 0;
                if (at < size && (present || base == null)) System.arraycopy(e.getValue(), s * 512, g, (int) at, 512);
            }
        }
        return g;
    }

    Path writeTo(Path file) throws IOException {
        int entries = (int) ((size + blockSize - 1) / blockSize);
        long batBytes = ((entries * 4L) + 511) / 512 * 512;
        long locatorStart = 1536 + batBytes;
        long blockStart = locatorStart + 512L * locators.size();
        long bitmap = DynamicHeader.bitmapBytes(blockSize);
        long end = blockStart + order.size() * (bitmap + blockSize);
        ByteBuffer f = ByteBuffer.allocate((int) end + 512);
        byte[] footer = footer(parentId == null ? Footer.TYPE_DYNAMIC : Footer.TYPE_DIFFERENCING);
        f.put(0, footer);
        f.put((int) end, footer);
        ByteBuffer h = ByteBuffer.allocate(1024);
        h.put(0, DynamicHeader.COOKIE).putLong(8, -1L).putLong(16, 1536).putInt(24, DynamicHeader.VERSION)
                .putInt(28, entries).putInt(32, blockSize);
        if (parentId != null) {
            h.put(DynamicHeader.OFF_PARENT_ID, parentId).putInt(DynamicHeader.OFF_PARENT_TIME, (int) parentTimestamp);
            h.put(DynamicHeader.OFF_PARENT_NAME, parentName.getBytes(StandardCharsets.UTF_16BE));
        }
        for (int i = 0; i < locators.size(); i++) {
            String code = (String) locators.get(i)[0];
            String path = (String) locators.get(i)[1];
            byte[] data = code.startsWith("W2") ? path.getBytes(StandardCharsets.UTF_16LE)
                    : path.getBytes(StandardCharsets.ISO_8859_1);
            int at = DynamicHeader.OFF_LOCATORS + 24 * i;
            h.put(at, code.getBytes(StandardCharsets.US_ASCII)).putInt(at + 4, 512).putInt(at + 8, data.length)
                    .putLong(at + 16, locatorStart + 512L * i);
            f.put((int) (locatorStart + 512L * i), data);
        }
        h.putInt(DynamicHeader.OFF_CHECKSUM, (int) Footer.checksum(h.array(), DynamicHeader.OFF_CHECKSUM));
        f.put(512, h.array());
        for (int i = 0; i < entries; i++) f.putInt((int) (1536 + 4L * i), -1);
        long at = blockStart;
        for (int index : order) {
            f.putInt((int) (1536 + 4L * index), (int) (at / 512));
            f.put((int) at, bitmaps.get(index));
            f.put((int) (at + bitmap), blocks.get(index));
            at += bitmap + blockSize;
        }
        Files.write(file, f.array());
        return file;
    }

    private byte[] footer(int type) {
        ByteBuffer b = ByteBuffer.allocate(512);
        int[] chs = DiskSize.specGeometry(size / 512);
        b.put(0, Footer.COOKIE).putInt(8, 2).putInt(12, Footer.VERSION).putLong(16, 512).putInt(24, (int) timestamp)
                .put(28, "win ".getBytes(StandardCharsets.US_ASCII)).putInt(32, 0x000a0000).putInt(36, 0x5769326b)
                .putLong(40, size).putLong(48, size).putShort(56, (short) chs[0]).put(58, (byte) chs[1])
                .put(59, (byte) chs[2]).putInt(60, type).put(68, uniqueId);
        b.putInt(64, (int) Footer.checksum(b.array(), 64));
        return b.array();
    }
}
