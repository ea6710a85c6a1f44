// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;

/**
 * A test-side writer of VMware-style streamOptimized files, from the "Virtual Disk Format 5.0" technote, because
 * qemu-img writes neither GT/GD markers nor a footer: header with gdOffset = -1 (GD at the end), descriptor, one
 * grain marker + zlib data per non-zero grain, a GT marker and table per grain table, a GD marker and the directory,
 * the footer marker, the footer (the header with the real gdOffset) and the end-of-stream marker. Tests prove it
 * right with {@code qemu-img compare}.
 */
final class StreamWriter {

    static final int GRAIN_SECTORS = 128;
    private static final int GRAIN = GRAIN_SECTORS * 512;

    private StreamWriter() {
    }

    /** Writes {@code guest} (a multiple of 512 bytes) as a stream to {@code file}. */
    static void write(Path file, byte[] guest) throws IOException {
        long capacity = guest.length / 512;
        int grains = (int) ((capacity + GRAIN_SECTORS - 1) / GRAIN_SECTORS);
        int tables = (grains + 511) / 512;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[512]); // header, written last
        String name = file.getFileName().toString();
        byte[] desc = ("# Disk DescriptorFile\nversion=1\nCID=1234abcd\nparentCID=ffffffff\n"
                + "createType=\"streamOptimized\"\nRW " + capacity + " SPARSE \"" + name + "\"\n"
                + "ddb.adapterType = \"lsilogic\"\n").getBytes(StandardCharsets.US_ASCII);
        out.write(padded(desc));
        int[] gte = new int[tables * 512];
        for (int g = 0; g < grains; g++) {
            int from = g * GRAIN;
            int len = Math.min(GRAIN, guest.length - from);
            if (allZero(guest, from, len)) continue;
            byte[] full = new byte[GRAIN];
            System.arraycopy(guest, from, full, 0, len);
            byte[] z = deflate(full);
            gte[g] = out.size() / 512;
            ByteBuffer m = le(12 + z.length);
            m.putLong((long) g * GRAIN_SECTORS).putInt(z.length).put(z);
            out.write(padded(m.array()));
        }
        int[] gd = new int[tables];
        for (int t = 0; t < tables; t++) {
            out.write(marker(4, StreamMarkers.TYPE_GT));
            gd[t] = out.size() / 512;
            ByteBuffer b = le(2048);
            for (int j = 0; j < 512; j++) b.putInt(gte[t * 512 + j]);
            out.write(b.array());
        }
        int gdSectors = (tables * 4 + 511) / 512;
        out.write(marker(gdSectors, StreamMarkers.TYPE_GD));
        long gdOffset = out.size() / 512;
        ByteBuffer d = le(gdSectors * 512);
        for (int v : gd) d.putInt(v);
        out.write(d.array());
        out.write(marker(1, StreamMarkers.TYPE_FOOTER));
        out.write(header(capacity, gdOffset));
        out.write(new byte[512]); // end-of-stream marker
        byte[] all = out.toByteArray();
        System.arraycopy(header(capacity, SparseHeader.GD_AT_END), 0, all, 0, 512);
        Files.write(file, all);
    }

    private static byte[] header(long capacity, long gdOffset) {
        ByteBuffer h = le(512);
        h.putInt((int) SparseHeader.MAGIC).putInt(3).putInt(0x30001).putLong(capacity).putLong(GRAIN_SECTORS)
                .putLong(1).putLong(1).putInt(512).putLong(0).putLong(gdOffset).putLong(2).put((byte) 0)
                .put(new byte[] { '\n', ' ', '\r', '\n' }).putShort((short) 1);
        return h.array();
    }

    private static byte[] marker(long sectors, int type) {
        ByteBuffer m = le(512);
        m.putLong(sectors).putInt(0).putInt(type);
        return m.array();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] padded(byte[] b) {
        return java.util.Arrays.copyOf(b, (b.length + 511) / 512 * 512);
    }

    private static boolean allZero(byte[] b, int from, int len) {
        for (int i = from; i < from + len; i++) if (b[i] != 0) return false;
        return true;
    }

    private static byte[] deflate(byte[] in) {
        Deflater d = new Deflater();
        d.setInput(in);
        d.finish();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!d.finished()) o.write(buf, 0, d.deflate(buf));
        d.end();
        return o.toByteArray();
    }
}
