// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.vdiskdoctor.testing.ByteSurgery;

/**
 * Writes a hiberfil.sys into an mkntfs volume, from the NTFS layout (no Linux tool can make a hibernated volume, and
 * nothing here may mount one): an in-use MFT record with a $FILE_NAME "hiberfil.sys" whose parent is the root
 * directory (record 5), a zeroed $STANDARD_INFORMATION and an unnamed $DATA (resident, or one cluster) holding the given header, with a correct update
 * sequence array.
 * It goes into record 23, one of the records 16-23 mkntfs formats but leaves unused, inside $MFT's data. The root
 * directory's index and $MFT's bitmap are not updated: the probe finds the file by scanning records, ntfs-3g by the
 * index, so ntfs-3g does not see this file.
 */
final class HiberfilWriter {

    static final int RECORD = 23;
    private static final int RS = 1024;

    private HiberfilWriter() {
    }

    /** Writes the record; {@code header} is the start of the file's data (e.g. "hibr" or four zero bytes). */
    static void write(Path fs, byte[] header) throws Exception {
        write(fs, header, -1);
    }

    /**
     * Writes the record with a non-resident $DATA of one cluster at {@code lcn} (as a real hiberfil.sys of gigabytes
     * has), and {@code header} at the start of that cluster; resident when {@code lcn} is negative.
     */
    static void write(Path fs, byte[] header, long lcn) throws Exception {
        ByteBuffer boot = ByteSurgery.read(fs, 0, 512);
        long cs = (boot.getShort(11) & 0xffff) * (boot.get(13) & 0xff);
        long at = boot.getLong(48) * cs + (long) RECORD * RS;
        ByteBuffer r = ByteBuffer.allocate(RS).order(ByteOrder.LITTLE_ENDIAN);
        r.put(0, "FILE".getBytes(StandardCharsets.US_ASCII));
        r.putShort(4, (short) 48).putShort(6, (short) 3); // update sequence array: USN + one entry per sector
        r.putShort(16, (short) 1).putShort(18, (short) 1); // sequence number, hard links
        r.putShort(20, (short) 56).putShort(22, (short) 1); // first attribute, flags: in use
        r.putInt(28, RS).putShort(40, (short) 3).putInt(44, RECORD);
        int a = 56;
        // $STANDARD_INFORMATION (times, attributes: all zero), which ntfs-3g requires of every base record
        r.putInt(a, MftRecord.STANDARD_INFORMATION).putInt(a + 4, 96).putInt(a + 16, 72).putShort(a + 20, (short) 24);
        r.putInt(a + 24 + 32, 0x26); // hidden, system, archive: as Windows creates hiberfil.sys
        a += 96;
        byte[] name = "hiberfil.sys".getBytes(StandardCharsets.UTF_16LE);
        int fnLength = 66 + name.length;
        int attr = (24 + fnLength + 7) & ~7;
        r.putInt(a, MftRecord.FILE_NAME).putInt(a + 4, attr).putInt(a + 16, fnLength).putShort(a + 20, (short) 24);
        r.put(a + 22, (byte) 1).putShort(a + 14, (short) 1); // indexed, attribute id 1
        r.putLong(a + 24, 5L | 5L << 48); // parent: record 5, sequence 5
        r.put(a + 24 + 64, (byte) (name.length / 2)).put(a + 24 + 65, (byte) 3); // Win32 and DOS name
        r.put(a + 24 + 66, name);
        a += attr;
        if (lcn < 0) {
            int dataAttr = (24 + header.length + 7) & ~7;
            r.putInt(a, MftRecord.DATA).putInt(a + 4, dataAttr).putInt(a + 16, header.length).putShort(a + 20,
                    (short) 24).putShort(a + 14, (short) 2);
            r.put(a + 24, header);
            a += dataAttr;
        } else {
            // non-resident: VCN 0-0, mapping pairs at 64: one run of 1 cluster at lcn (4-byte signed offset)
            r.putInt(a, MftRecord.DATA).putInt(a + 4, 80).put(a + 8, (byte) 1).putShort(a + 14, (short) 2);
            r.putShort(a + 32, (short) 64).putLong(a + 40, cs).putLong(a + 48, cs).putLong(a + 56, cs);
            r.put(a + 64, (byte) 0x41).put(a + 65, (byte) 1).putInt(a + 66, (int) lcn);
            a += 80;
            ByteSurgery.write(fs, lcn * cs, header);
        }
        r.putInt(a, MftRecord.END);
        r.putInt(24, a + 8); // bytes in use
        int usn = 7;
        r.putShort(48, (short) usn);
        for (int k = 0; k < RS / 512; k++) {
            int end = (k + 1) * 512 - 2;
            r.putShort(50 + 2 * k, r.getShort(end));
            r.putShort(end, (short) usn);
        }
        ByteSurgery.write(fs, at, r.array());
    }

    /**
     * Adds hiberfil.sys (record {@value #RECORD}) to the root directory's index, so that ntfs-3g finds it too: a new
     * entry with the same $FILE_NAME key goes before the terminal entry of the root's only INDX block ("hiberfil.sys"
     * collates after "$..." and "."), the index size grows, and the block's update sequence is written again.
     */
    static void listInRoot(Path fs) throws Exception {
        ByteBuffer boot = ByteSurgery.read(fs, 0, 512);
        long cs = (boot.getShort(11) & 0xffff) * (boot.get(13) & 0xff);
        long mft = boot.getLong(48) * cs;
        long block = rootIndexBlock(fs);
        byte[] b = new byte[(int) cs];
        ByteSurgery.read(fs, block, b.length).get(b);
        if (UpdateSequence.apply(b) != null) throw new IllegalStateException("root INDX block is torn");
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int total = h.getInt(28);
        int p = 24 + h.getInt(24);
        while ((h.getShort(p + 12) & 2) == 0) p += h.getShort(p + 8) & 0xffff;
        byte[] rec = new byte[RS];
        ByteSurgery.read(fs, mft + (long) RECORD * RS, RS).get(rec);
        MftRecord hiberfil = MftRecord.of(rec);
        byte[] key = hiberfil.value(hiberfil.findAny(MftRecord.FILE_NAME));
        int length = (16 + key.length + 7) & ~7;
        if (24 + total + length > 24 + h.getInt(32)) throw new IllegalStateException("root INDX block is full");
        System.arraycopy(b, p, b, p + length, 24 + total - p);
        java.util.Arrays.fill(b, p, p + length, (byte) 0);
        h.putLong(p, RECORD | 1L << 48).putShort(p + 8, (short) length).putShort(p + 10, (short) key.length);
        System.arraycopy(key, 0, b, p + 16, key.length);
        h.putInt(28, total + length);
        int usa = h.getShort(4) & 0xffff;
        for (int k = 0; k < b.length / 512; k++) {
            int end = (k + 1) * 512 - 2;
            h.putShort(usa + 2 + 2 * k, h.getShort(end));
            h.putShort(end, h.getShort(usa));
        }
        ByteSurgery.write(fs, block, b);
    }

    /** Byte offset of the root directory's first INDX block (mkntfs: one block of one cluster). */
    static long rootIndexBlock(Path fs) throws Exception {
        ByteBuffer boot = ByteSurgery.read(fs, 0, 512);
        long cs = (boot.getShort(11) & 0xffff) * (boot.get(13) & 0xff);
        byte[] rootBytes = new byte[RS];
        ByteSurgery.read(fs, boot.getLong(48) * cs + 5L * RS, RS).get(rootBytes);
        MftRecord root = MftRecord.of(rootBytes);
        return root.runs(root.findAny(MftRecord.INDEX_ALLOCATION)).runs().get(0)[1] * cs;
    }
}
