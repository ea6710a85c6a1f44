// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hard disk footer (MS VHD specification, "Hard Disk Footer Format"), 512 bytes at the end of the file, or 511
 * in images older than Virtual PC 2004; dynamic and differencing disks keep a copy at offset 0. Big-endian. This
 * class only decodes; {@link FooterChecks} judges.
 */
record Footer(long offset, int length, byte[] raw) {

    static final int SIZE = 512;
    static final int OLD_SIZE = 511;
    static final byte[] COOKIE = "conectix".getBytes(StandardCharsets.US_ASCII);
    static final int OFF_FEATURES = 8;
    static final int OFF_VERSION = 12;
    static final int OFF_DATA_OFFSET = 16;
    static final int OFF_TIMESTAMP = 24;
    static final int OFF_CREATOR_APP = 28;
    static final int OFF_CREATOR_VERSION = 32;
    static final int OFF_CREATOR_OS = 36;
    static final int OFF_ORIGINAL_SIZE = 40;
    static final int OFF_CURRENT_SIZE = 48;
    static final int OFF_GEOMETRY = 56;
    static final int OFF_DISK_TYPE = 60;
    static final int OFF_CHECKSUM = 64;
    static final int OFF_UNIQUE_ID = 68;
    static final int OFF_SAVED_STATE = 84;
    static final int VERSION = 0x00010000;
    static final int TYPE_FIXED = 2;
    static final int TYPE_DYNAMIC = 3;
    static final int TYPE_DIFFERENCING = 4;
    /** Seconds from the Unix epoch to the VHD epoch, 2000-01-01T00:00:00Z. */
    static final long EPOCH_2000 = 946_684_800L;

    /** Decodes {@code length} bytes (511 or 512) read at {@code offset}. */
    static Footer of(long offset, ByteBuffer bytes) {
        byte[] b = new byte[bytes.remaining()];
        bytes.duplicate().get(b);
        return new Footer(offset, b.length, b);
    }

    /** Whether {@code b} (from its position) starts with "conectix". */
    static boolean hasCookie(ByteBuffer b) {
        if (b.remaining() < COOKIE.length) return false;
        for (int i = 0; i < COOKIE.length; i++) {
            if (b.get(b.position() + i) != COOKIE[i]) return false;
        }
        return true;
    }

    private ByteBuffer buf() {
        return ByteBuffer.wrap(raw);
    }

    int features() {
        return buf().getInt(OFF_FEATURES);
    }

    int version() {
        return buf().getInt(OFF_VERSION);
    }

    long dataOffset() {
        return buf().getLong(OFF_DATA_OFFSET);
    }

    long timestamp() {
        return Integer.toUnsignedLong(buf().getInt(OFF_TIMESTAMP));
    }

    /** The four creator application bytes, e.g. {@code "qemu"}, {@code "win "}; non-ASCII shown as {@code \xNN}. */
    String creatorApp() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int c = raw[OFF_CREATOR_APP + i] & 0xff;
            if (c >= 0x20 && c < 0x7f) s.append((char) c);
            else s.append(String.format("\\x%02x", c));
        }
        return s.toString();
    }

    int creatorVersion() {
        return buf().getInt(OFF_CREATOR_VERSION);
    }

    int creatorOs() {
        return buf().getInt(OFF_CREATOR_OS);
    }

    long originalSize() {
        return buf().getLong(OFF_ORIGINAL_SIZE);
    }

    long currentSize() {
        return buf().getLong(OFF_CURRENT_SIZE);
    }

    int cylinders() {
        return Short.toUnsignedInt(buf().getShort(OFF_GEOMETRY));
    }

    int heads() {
        return raw[OFF_GEOMETRY + 2] & 0xff;
    }

    int sectorsPerTrack() {
        return raw[OFF_GEOMETRY + 3] & 0xff;
    }

    /** Cylinders × heads × sectors per track. */
    long chsSectors() {
        return (long) cylinders() * heads() * sectorsPerTrack();
    }

    int diskType() {
        return buf().getInt(OFF_DISK_TYPE);
    }

    long storedChecksum() {
        return Integer.toUnsignedLong(buf().getInt(OFF_CHECKSUM));
    }

    /** One's complement of the byte sum with the checksum field counted as zero. */
    long computedChecksum() {
        return checksum(raw, OFF_CHECKSUM);
    }

    boolean checksumValid() {
        return storedChecksum() == computedChecksum();
    }

    /** The unique id as 32 lowercase hex digits (the byte order the file holds). */
    String uniqueId() {
        return HexFormat.of().formatHex(raw, OFF_UNIQUE_ID, OFF_UNIQUE_ID + 16);
    }

    int savedState() {
        return raw[OFF_SAVED_STATE] & 0xff;
    }

    /** The checksum VHD uses for the footer and the dynamic header. */
    static long checksum(byte[] b, int checksumOffset) {
        long sum = 0;
        for (int i = 0; i < b.length; i++) {
            if (i >= checksumOffset && i < checksumOffset + 4) continue;
            sum += b[i] & 0xff;
        }
        return ~sum & 0xffff_ffffL;
    }

    /** A VHD time stamp as an instant. */
    static Instant time(long seconds) {
        return Instant.ofEpochSecond(EPOCH_2000 + seconds);
    }

    static String typeName(int type) {
        return switch (type) {
            case TYPE_FIXED -> "fixed";
            case TYPE_DYNAMIC -> "dynamic";
            case TYPE_DIFFERENCING -> "differencing";
            default -> "unknown";
        };
    }
}
