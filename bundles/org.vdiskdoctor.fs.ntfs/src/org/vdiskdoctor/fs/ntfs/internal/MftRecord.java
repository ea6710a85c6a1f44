// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One MFT record ("FILE"): update sequence fixups applied and every 512-byte stride's sequence number verified, then a
 * bounded walk of its attributes (each at least 24 bytes and inside the bytes in use; the offset only grows, so
 * there is no loop). {@link #error()} is null when the record is sound.
 */
final class MftRecord {

    static final int STRIDE = UpdateSequence.STRIDE;
    static final int END = 0xFFFFFFFF;
    static final int STANDARD_INFORMATION = 0x10;
    static final int FILE_NAME = 0x30;
    static final int VOLUME_NAME = 0x60;
    static final int VOLUME_INFORMATION = 0x70;
    static final int DATA = 0x80;
    static final int INDEX_ROOT = 0x90;
    static final int INDEX_ALLOCATION = 0xA0;
    private static final int MAX_ATTRIBUTES = 128;

    /** One attribute header: where it is in the record and what it says about itself. */
    record Attribute(int type, int offset, int length, boolean nonResident, int nameLength) {
    }

    private final byte[] b;
    private final ByteBuffer le;
    private final List<Attribute> attributes = new ArrayList<>();
    private String error;

    private MftRecord(byte[] raw) {
        this.b = raw.clone();
        this.le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        this.error = parse();
    }

    /** Parses a copy of {@code raw}; its length is the record size (a multiple of 512). */
    static MftRecord of(byte[] raw) {
        return new MftRecord(raw);
    }

    String error() {
        return error;
    }

    /** Whether the record has the "FILE" magic at all (an unused, never-written record has zeros). */
    boolean hasMagic() {
        return b.length >= 4 && new String(b, 0, 4, StandardCharsets.US_ASCII).equals("FILE");
    }

    boolean inUse() {
        return error == null && (le.getShort(22) & 1) != 0;
    }

    List<Attribute> attributes() {
        return attributes;
    }

    /** The record after fixups (what is compared between $MFT and $MFTMirr). */
    byte[] bytes() {
        return b.clone();
    }

    private String parse() {
        if (b.length < STRIDE || b.length % STRIDE != 0) return "record size " + b.length;
        String magic = new String(b, 0, 4, StandardCharsets.ISO_8859_1);
        if (magic.equals("BAAD")) return "marked BAAD (a multi-sector transfer failed and chkdsk flagged it)";
        if (!magic.equals("FILE")) return "no FILE signature (found " + hex(0, 4) + ")";
        String fixups = UpdateSequence.apply(b);
        if (fixups != null) return fixups;
        long used = le.getInt(24) & 0xffffffffL;
        long allocated = le.getInt(28) & 0xffffffffL;
        int first = u16(20);
        if (allocated != b.length || used > b.length || used < first + 4 || first < UpdateSequence.end(b)
                || (first & 7) != 0) {
            return "header fields out of range (first attribute " + first + ", " + used + " of " + allocated
                    + " bytes used in a " + b.length + "-byte record)";
        }
        int at = first;
        for (int n = 0; n < MAX_ATTRIBUTES; n++) {
            if (at + 4 > used) return "attribute list without end marker";
            int type = le.getInt(at);
            if (type == END) return null;
            if (at + 16 > used) return "attribute at " + at + " runs past the bytes in use";
            long length = le.getInt(at + 4) & 0xffffffffL;
            if (length < 24 || at + length > used) return "attribute 0x" + Integer.toHexString(type) + " at " + at
                    + " has length " + length;
            attributes.add(new Attribute(type, at, (int) length, b[at + 8] != 0, b[at + 9] & 0xff));
            at += (int) length;
        }
        return "more than " + MAX_ATTRIBUTES + " attributes";
    }

    /** The first attribute of {@code type}, named or not, or null. */
    Attribute findAny(int type) {
        for (Attribute a : attributes) if (a.type() == type) return a;
        return null;
    }

    /** The first unnamed attribute of {@code type}, or null. */
    Attribute find(int type) {
        for (Attribute a : attributes) if (a.type() == type && a.nameLength() == 0) return a;
        return null;
    }

    /** A resident attribute's value, or null when it is not resident or its value does not fit the attribute. */
    byte[] value(Attribute a) {
        if (a.nonResident()) return null;
        long len = le.getInt(a.offset() + 16) & 0xffffffffL;
        int ofs = u16(a.offset() + 20);
        if (ofs < 24 || ofs + len > a.length()) return null;
        byte[] v = new byte[(int) len];
        System.arraycopy(b, a.offset() + ofs, v, 0, (int) len);
        return v;
    }

    /** A non-resident attribute's data size (byte 48), or -1. */
    long dataSize(Attribute a) {
        return a.nonResident() && a.length() >= 64 ? le.getLong(a.offset() + 48) : -1;
    }

    /** A non-resident attribute's mapping pairs, or null when it is resident or they lie outside it. */
    RunList runs(Attribute a) {
        if (!a.nonResident() || a.length() < 64) return null;
        int ofs = u16(a.offset() + 32);
        if (ofs < 64 || ofs >= a.length()) return null;
        return RunList.decode(b, a.offset() + ofs, a.offset() + a.length());
    }

    private int u16(int at) {
        return le.getShort(at) & 0xffff;
    }

    private String hex(int at, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) s.append(String.format("%02X", b[at + i] & 0xff));
        return s.toString();
    }
}
