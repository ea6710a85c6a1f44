// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The dynamic disk header ("cxsparse", 1024 bytes at the footer's data offset) of dynamic and differencing disks:
 * where the block allocation table is, how many entries it has, the block size and, for differencing disks, the
 * parent's identity, name and locators. Big-endian. Decoding only; {@link DynamicHeaderChecks} judges.
 */
record DynamicHeader(long offset, byte[] raw) {

    static final int SIZE = 1024;
    static final byte[] COOKIE = "cxsparse".getBytes(StandardCharsets.US_ASCII);
    static final int OFF_DATA_OFFSET = 8;
    static final int OFF_TABLE_OFFSET = 16;
    static final int OFF_VERSION = 24;
    static final int OFF_MAX_ENTRIES = 28;
    static final int OFF_BLOCK_SIZE = 32;
    static final int OFF_CHECKSUM = 36;
    static final int OFF_PARENT_ID = 40;
    static final int OFF_PARENT_TIME = 56;
    static final int OFF_PARENT_NAME = 64;
    static final int PARENT_NAME_LENGTH = 512;
    static final int OFF_LOCATORS = 576;
    static final int LOCATORS = 8;
    static final int LOCATOR_SIZE = 24;
    static final int VERSION = 0x00010000;

    static DynamicHeader of(long offset, ByteBuffer bytes) {
        byte[] b = new byte[SIZE];
        bytes.duplicate().get(b);
        return new DynamicHeader(offset, b);
    }

    private ByteBuffer buf() {
        return ByteBuffer.wrap(raw);
    }

    boolean cookieValid() {
        for (int i = 0; i < COOKIE.length; i++) {
            if (raw[i] != COOKIE[i]) return false;
        }
        return true;
    }

    long dataOffset() {
        return buf().getLong(OFF_DATA_OFFSET);
    }

    long tableOffset() {
        return buf().getLong(OFF_TABLE_OFFSET);
    }

    int version() {
        return buf().getInt(OFF_VERSION);
    }

    long maxTableEntries() {
        return Integer.toUnsignedLong(buf().getInt(OFF_MAX_ENTRIES));
    }

    long blockSize() {
        return Integer.toUnsignedLong(buf().getInt(OFF_BLOCK_SIZE));
    }

    long storedChecksum() {
        return Integer.toUnsignedLong(buf().getInt(OFF_CHECKSUM));
    }

    long computedChecksum() {
        return Footer.checksum(raw, OFF_CHECKSUM);
    }

    boolean checksumValid() {
        return storedChecksum() == computedChecksum();
    }

    /** The parent's unique id, 32 hex digits in file order (compare with the parent footer's {@code uniqueId}). */
    String parentUniqueId() {
        return HexFormat.of().formatHex(raw, OFF_PARENT_ID, OFF_PARENT_ID + 16);
    }

    long parentTimestamp() {
        return Integer.toUnsignedLong(buf().getInt(OFF_PARENT_TIME));
    }

    /** The parent's name (UTF-16BE, up to the first NUL), "" when empty. */
    String parentName() {
        int end = OFF_PARENT_NAME;
        while (end + 1 < OFF_PARENT_NAME + PARENT_NAME_LENGTH && (raw[end] != 0 || raw[end + 1] != 0)) end += 2;
        return new String(raw, OFF_PARENT_NAME, end - OFF_PARENT_NAME, StandardCharsets.UTF_16BE);
    }

    /** Bytes of the parent name up to its NUL, for evidence. */
    int parentNameBytes() {
        return parentName().length() * 2;
    }

    /** The locator entry {@code i} (0–7) as stored. */
    ParentLocator locator(int i) {
        int at = OFF_LOCATORS + i * LOCATOR_SIZE;
        ByteBuffer b = buf();
        return new ParentLocator(i, offset + at, b.getInt(at), Integer.toUnsignedLong(b.getInt(at + 4)),
                Integer.toUnsignedLong(b.getInt(at + 8)), b.getLong(at + 16));
    }

    /** Bytes one block's sector bitmap takes: one bit per sector, rounded up to whole sectors. */
    static long bitmapBytes(long blockSize) {
        long bits = blockSize / 512;
        return ((bits + 7) / 8 + 511) / 512 * 512;
    }
}
