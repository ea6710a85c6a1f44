// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.lvm.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.spi.GuestVolume;

/**
 * The LVM2 physical-volume label (lib/label/label.h, lib/format_text/layout.h): a 512-byte sector among the first
 * four holding "LABELONE", its own sector number, a CRC of bytes 20-511, the offset of the PV header and "LVM2 001";
 * the PV header holds the 32-character PV UUID, the device size and two zero-terminated lists of (offset, size)
 * areas: data areas, then metadata areas.
 *
 * @param sectorIndex which of sectors 0-3 holds it
 * @param sector the 512 bytes
 */
record PvLabel(int sectorIndex, byte[] sector) {

    static final int SECTOR = 512;
    static final int SCAN_SECTORS = 4;
    private static final int MAX_AREAS = 16;

    /** One (offset, size) pair of the PV header, in bytes from the start of the PV. */
    record Area(long offset, long size) {
    }

    /** The label among the first four sectors of {@code v}, or {@code null}. */
    static PvLabel find(GuestVolume v) throws IOException {
        for (int i = 0; i < SCAN_SECTORS; i++) {
            if (!v.contains((long) i * SECTOR, SECTOR)) break;
            byte[] s = new byte[SECTOR];
            v.read((long) i * SECTOR, SECTOR).get(s);
            if (text(s, 0, 8).equals("LABELONE") && text(s, 24, 8).equals("LVM2 001")) return new PvLabel(i, s);
        }
        return null;
    }

    private static String text(byte[] s, int off, int len) {
        return new String(s, off, len, StandardCharsets.ISO_8859_1);
    }

    private ByteBuffer le() {
        return ByteBuffer.wrap(sector).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    long sectorField() {
        return le().getLong(8);
    }

    int storedCrc() {
        return le().getInt(16);
    }

    int computedCrc() {
        return LvmCrc.of(sector, 20, SECTOR - 20);
    }

    /** offset_xl: where the PV header starts in this sector; -1 when it leaves no room for UUID and size. */
    int headerOffset() {
        long o = Integer.toUnsignedLong(le().getInt(20));
        return o >= 32 && o + 40 <= SECTOR ? (int) o : -1;
    }

    /** The PV UUID in LVM's 6-4-4-4-4-4-6 form. */
    String uuid() {
        int h = headerOffset();
        String raw = text(sector, h, 32).replaceAll("[^0-9A-Za-z]", "?");
        int[] cuts = { 6, 10, 14, 18, 22, 26 };
        StringBuilder s = new StringBuilder(38);
        int prev = 0;
        for (int c : cuts) {
            s.append(raw, prev, c).append('-');
            prev = c;
        }
        return s.append(raw.substring(prev)).toString();
    }

    long deviceSize() {
        return le().getLong(headerOffset() + 32);
    }

    /** The data areas (list 0) or metadata areas (list 1), each list ending at a zero entry or the sector's end. */
    List<Area> areas(int list) {
        ByteBuffer b = le();
        int at = headerOffset() + 40;
        List<List<Area>> lists = List.of(new ArrayList<>(), new ArrayList<>());
        int current = 0;
        while (current < 2 && at + 16 <= SECTOR) {
            long off = b.getLong(at);
            long size = b.getLong(at + 8);
            at += 16;
            if (off == 0) {
                current++;
                continue;
            }
            if (lists.get(current).size() < MAX_AREAS) lists.get(current).add(new Area(off, size));
        }
        return lists.get(list);
    }
}
