// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * A test-side VHDX writer built from MS-VHDX v1.00, for what qemu-img cannot make: differencing images (with a
 * parent locator and PARTIALLY_PRESENT blocks with sector bitmaps). It writes plain dynamic images too, which
 * {@code qemu-img convert} reads identically to the content given here — that proves the writer. Layout: identifier,
 * two headers (sequence 1 and 2), two region tables, a 1 MiB log at 1 MiB (clean), the BAT at 2 MiB, metadata at
 * 3 MiB, payload blocks from 4 MiB in the order given, then sector bitmaps.
 */
final class VhdxWriter {

    static final long MIB = 1 << 20;

    private final long virtualSize;
    private final long blockSize;
    private int logicalSector = 512;
    private Map<String, String> parent;
    private Guid dataWriteGuid = Guid.parse("11111111-2222-3333-4444-555555555555");
    private final TreeMap<Long, byte[]> full = new TreeMap<>();
    private final TreeMap<Long, byte[]> partial = new TreeMap<>();
    private final TreeMap<Long, BitSet> partialSectors = new TreeMap<>();
    private final TreeMap<Long, Integer> states = new TreeMap<>();

    VhdxWriter(long virtualSize, long blockSize) {
        this.virtualSize = virtualSize;
        this.blockSize = blockSize;
    }

    /** Makes the image differencing, with these parent locator key/values. */
    VhdxWriter parent(Map<String, String> keyValues) {
        this.parent = new LinkedHashMap<>(keyValues);
        return this;
    }

    /** The Logical Sector Size item: 512 (the default) or 4096, as New-VHD -LogicalSectorSizeBytes 4096 writes. */
    VhdxWriter logicalSector(int bytes) {
        this.logicalSector = bytes;
        return this;
    }

    VhdxWriter dataWriteGuid(Guid g) {
        this.dataWriteGuid = g;
        return this;
    }

    /** Block {@code i} FULLY_PRESENT with {@code content} (blockSize bytes). */
    VhdxWriter block(long i, byte[] content) {
        full.put(i, content);
        return this;
    }

    /** Block {@code i} PARTIALLY_PRESENT: the sectors set in {@code sectors} (of the block) come from this file. */
    VhdxWriter partial(long i, byte[] content, BitSet sectors) {
        partial.put(i, content);
        partialSectors.put(i, sectors);
        return this;
    }

    /** Block {@code i} with a state but no data (ZERO, UNMAPPED, UNDEFINED). */
    VhdxWriter state(long i, int state) {
        states.put(i, state);
        return this;
    }

    long chunkRatio() {
        return ((1L << 23) * logicalSector) / blockSize;
    }

    long batEntries() {
        long blocks = (virtualSize + blockSize - 1) / blockSize;
        long r = chunkRatio();
        return parent != null ? (blocks + r - 1) / r * (r + 1) : blocks + (blocks - 1) / r;
    }

    void write(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer id = le(64 * 1024);
            id.put(0, "vhdxfile".getBytes(StandardCharsets.US_ASCII));
            id.put(8, "VDisk Doctor test writer".getBytes(StandardCharsets.UTF_16LE));
            at(ch, 0, id);
            at(ch, 64 * 1024, header(1));
            at(ch, 128 * 1024, header(2));
            at(ch, 192 * 1024, regions());
            at(ch, 256 * 1024, regions());
            ByteBuffer bat = le((int) MIB);
            long next = 4 * MIB;
            long r = chunkRatio();
            for (Map.Entry<Long, byte[]> e : full.entrySet()) {
                bat.putLong((int) (e.getKey() + e.getKey() / r) * 8, next | Bat.FULLY_PRESENT);
                at(ch, next, ByteBuffer.wrap(e.getValue()));
                next += blockSize;
            }
            Map<Long, ByteBuffer> bitmaps = new TreeMap<>();
            for (Map.Entry<Long, byte[]> e : partial.entrySet()) {
                long b = e.getKey();
                bat.putLong((int) (b + b / r) * 8, next | Bat.PARTIALLY_PRESENT);
                at(ch, next, ByteBuffer.wrap(e.getValue()));
                next += blockSize;
                ByteBuffer bm = bitmaps.computeIfAbsent(b / r, c -> le((int) MIB));
                BitSet s = partialSectors.get(b);
                long firstSector = (b % r) * (blockSize / logicalSector);
                for (int k = s.nextSetBit(0); k >= 0; k = s.nextSetBit(k + 1)) {
                    long bit = firstSector + k;
                    int byteAt = (int) (bit / 8);
                    bm.put(byteAt, (byte) (bm.get(byteAt) | (1 << (bit % 8))));
                }
            }
            for (Map.Entry<Long, ByteBuffer> e : bitmaps.entrySet()) {
                bat.putLong((int) (e.getKey() * (r + 1) + r) * 8, next | Bat.SB_PRESENT);
                at(ch, next, e.getValue());
                next += MIB;
            }
            for (Map.Entry<Long, Integer> e : states.entrySet()) {
                bat.putLong((int) (e.getKey() + e.getKey() / r) * 8, e.getValue());
            }
            at(ch, 2 * MIB, bat);
            at(ch, 3 * MIB, metadata());
            ch.truncate(Math.max(next, 4 * MIB));
            if (ch.size() < next) at(ch, next - 1, ByteBuffer.allocate(1));
        }
    }

    private ByteBuffer header(int seq) {
        ByteBuffer h = le(4096);
        h.putInt(0, 0x64616568).putLong(8, seq);
        h.put(16, Guid.parse("AAAAAAAA-0000-0000-0000-00000000000" + seq).bytes());
        h.put(32, dataWriteGuid.bytes());
        h.putShort(66, (short) 1).putInt(68, (int) MIB).putLong(72, MIB);
        return crc(h, 4096);
    }

    private ByteBuffer regions() {
        ByteBuffer t = le(64 * 1024);
        t.putInt(0, 0x69676572).putInt(8, 2);
        t.put(16, Guid.BAT.bytes()).putLong(32, 2 * MIB).putInt(40, (int) MIB).putInt(44, 1);
        t.put(48, Guid.METADATA.bytes()).putLong(64, 3 * MIB).putInt(72, (int) MIB).putInt(76, 1);
        return crc(t, 64 * 1024);
    }

    private ByteBuffer metadata() {
        ByteBuffer m = le((int) MIB);
        m.putLong(0, 0x617461646174656dL);
        int[] slot = { 0 };
        int[] data = { 64 * 1024 };
        item(m, slot, data, Guid.FILE_PARAMETERS, le(8).putInt(0, (int) blockSize).putInt(4, parent != null ? 2 : 0),
                4);
        item(m, slot, data, Guid.VIRTUAL_DISK_SIZE, le(8).putLong(0, virtualSize), 6);
        item(m, slot, data, Guid.PAGE_83, ByteBuffer.wrap(Guid.parse("12345678-9ABC-DEF0-1234-56789ABCDEF0").bytes()),
                6);
        item(m, slot, data, Guid.LOGICAL_SECTOR_SIZE, le(4).putInt(0, logicalSector), 6);
        item(m, slot, data, Guid.PHYSICAL_SECTOR_SIZE, le(4).putInt(0, 4096), 6);
        if (parent != null) item(m, slot, data, Guid.PARENT_LOCATOR, locator(), 6);
        m.putShort(10, (short) slot[0]);
        return m;
    }

    private ByteBuffer locator() {
        int n = parent.size();
        ByteBuffer l = le(64 * 1024);
        l.put(0, Guid.VHDX_PARENT_LOCATOR_TYPE.bytes()).putShort(18, (short) n);
        int text = 20 + 12 * n;
        int i = 0;
        for (Map.Entry<String, String> e : parent.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.UTF_16LE);
            byte[] v = e.getValue().getBytes(StandardCharsets.UTF_16LE);
            int at = 20 + 12 * i++;
            l.putInt(at, text).putInt(at + 4, text + k.length).putShort(at + 8, (short) k.length)
                    .putShort(at + 10, (short) v.length);
            l.put(text, k).put(text + k.length, v);
            text += k.length + v.length;
        }
        return l.limit(text);
    }

    /** Adds an item; flags: bit 1 IsVirtualDisk, bit 2 IsRequired (as the entry's flag word). */
    private static void item(ByteBuffer m, int[] slot, int[] data, Guid g, ByteBuffer value, int flags) {
        int e = 32 + 32 * slot[0]++;
        int len = value.limit();
        m.put(e, g.bytes()).putInt(e + 16, data[0]).putInt(e + 20, len).putInt(e + 24, flags);
        m.put(data[0], value, 0, len);
        data[0] += (len + 4095) / 4096 * 4096;
    }

    private static ByteBuffer crc(ByteBuffer b, int len) {
        CRC32C c = new CRC32C();
        c.update(b.duplicate().position(0).limit(len));
        return b.putInt(4, (int) c.getValue());
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void at(FileChannel ch, long off, ByteBuffer b) throws IOException {
        ByteBuffer d = b.duplicate().position(0);
        while (d.hasRemaining()) ch.write(d, off + d.position());
    }
}
