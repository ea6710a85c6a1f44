// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.vdiskdoctor.core.io.ImageSource;

/**
 * The VDI pre-header and version 1 header (VirtualBox {@code VDICore.h}: {@code VDIPREHEADER}, {@code VDIHEADER1},
 * {@code VDIHEADER1PLUS}), little-endian. Parsing never fails: fields the file is too short for read as 0 and
 * {@link #complete()} says so. Every value is kept raw (unsigned in a long); {@link HeaderChecks} judges them.
 */
public final class VdiHeader {

    /** The signature at 0x40. */
    public static final long SIGNATURE = 0xBEDA107FL;
    /** Version 1.1, the only version VirtualBox has written since 1.x. */
    public static final long VERSION_1_1 = 0x00010001L;

    public static final int OFF_TEXT = 0x00;
    public static final int TEXT_LENGTH = 0x40;
    public static final int OFF_SIGNATURE = 0x40;
    public static final int OFF_VERSION = 0x44;
    public static final int OFF_HEADER_SIZE = 0x48;
    public static final int OFF_TYPE = 0x4C;
    public static final int OFF_FLAGS = 0x50;
    public static final int OFF_COMMENT = 0x54;
    public static final int COMMENT_LENGTH = 256;
    public static final int OFF_BLOCKS = 0x154;
    public static final int OFF_DATA = 0x158;
    public static final int OFF_LEGACY_GEOMETRY = 0x15C;
    public static final int OFF_SECTOR_SIZE = 0x168;
    public static final int OFF_DISK_SIZE = 0x170;
    public static final int OFF_BLOCK_SIZE = 0x178;
    public static final int OFF_BLOCK_EXTRA = 0x17C;
    public static final int OFF_BLOCKS_TOTAL = 0x180;
    public static final int OFF_BLOCKS_ALLOCATED = 0x184;
    public static final int OFF_UUID_CREATE = 0x188;
    public static final int OFF_UUID_MODIFY = 0x198;
    public static final int OFF_UUID_LINKAGE = 0x1A8;
    public static final int OFF_UUID_PARENT_MODIFY = 0x1B8;
    public static final int OFF_LCHS_GEOMETRY = 0x1C8;
    /** The pre-header: text, signature, version. The header size counts from here. */
    public static final int PRE_HEADER_LENGTH = 0x48;
    /** {@code sizeof(VDIHEADER1)}. */
    public static final int HEADER1_SIZE = 0x180;
    /** {@code sizeof(VDIHEADER1PLUS)}: version 1 plus the LCHS geometry. */
    public static final int HEADER1_PLUS_SIZE = 0x190;
    /** Bytes read for the header: the pre-header and the largest header we interpret. */
    public static final int READ_LENGTH = PRE_HEADER_LENGTH + HEADER1_PLUS_SIZE;

    public static final int TYPE_NORMAL = 1;
    public static final int TYPE_FIXED = 2;
    public static final int TYPE_UNDO = 3;
    public static final int TYPE_DIFF = 4;

    private final ByteBuffer b;
    private final int available;

    private VdiHeader(ByteBuffer bytes) {
        this.available = bytes.remaining();
        ByteBuffer full = ByteBuffer.allocate(READ_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        full.put(bytes.duplicate().limit(bytes.position() + Math.min(bytes.remaining(), READ_LENGTH)));
        this.b = full;
    }

    /** The header from the first bytes of a file (fewer than {@link #READ_LENGTH} is fine). */
    public static VdiHeader of(ByteBuffer head) {
        return new VdiHeader(head.duplicate());
    }

    /** Reads the header of {@code source}, as much of it as the file holds. */
    public static VdiHeader read(ImageSource source) throws IOException {
        return of(source.readUpTo(0, READ_LENGTH));
    }

    /** How many header bytes the file held. */
    public int available() {
        return available;
    }

    /** True when the file holds the whole version 1 header (pre-header and {@link #HEADER1_SIZE}). */
    public boolean complete() {
        return available >= PRE_HEADER_LENGTH + HEADER1_SIZE;
    }

    private long u32(int off) {
        return Integer.toUnsignedLong(b.getInt(off));
    }

    /** The pre-header text up to its first NUL or line end. */
    public String text() {
        int end = 0;
        while (end < TEXT_LENGTH && b.get(OFF_TEXT + end) != 0) end++;
        byte[] raw = new byte[end];
        b.get(OFF_TEXT, raw);
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    public long signature() {
        return u32(OFF_SIGNATURE);
    }

    public boolean signatureValid() {
        return available >= OFF_SIGNATURE + 4 && signature() == SIGNATURE;
    }

    public long version() {
        return u32(OFF_VERSION);
    }

    public int versionMajor() {
        return (int) (version() >>> 16);
    }

    public int versionMinor() {
        return (int) (version() & 0xffff);
    }

    public long headerSize() {
        return u32(OFF_HEADER_SIZE);
    }

    /** Whether the header has the v1plus LCHS geometry. */
    public boolean plus() {
        return headerSize() >= HEADER1_PLUS_SIZE && available >= READ_LENGTH;
    }

    public long type() {
        return u32(OFF_TYPE);
    }

    public long flags() {
        return u32(OFF_FLAGS);
    }

    /** The image comment up to its first NUL, as UTF-8. */
    public String comment() {
        int end = 0;
        while (end < COMMENT_LENGTH && b.get(OFF_COMMENT + end) != 0) end++;
        byte[] raw = new byte[end];
        b.get(OFF_COMMENT, raw);
        return new String(raw, StandardCharsets.UTF_8);
    }

    public long offBlocks() {
        return u32(OFF_BLOCKS);
    }

    public long offData() {
        return u32(OFF_DATA);
    }

    public long legacyCylinders() {
        return u32(OFF_LEGACY_GEOMETRY);
    }

    public long legacyHeads() {
        return u32(OFF_LEGACY_GEOMETRY + 4);
    }

    public long legacySectors() {
        return u32(OFF_LEGACY_GEOMETRY + 8);
    }

    public long sectorSize() {
        return u32(OFF_SECTOR_SIZE);
    }

    /** The guest disk size, unsigned (a negative long means above 2^63). */
    public long diskSize() {
        return b.getLong(OFF_DISK_SIZE);
    }

    public long blockSize() {
        return u32(OFF_BLOCK_SIZE);
    }

    public long blockExtra() {
        return u32(OFF_BLOCK_EXTRA);
    }

    public long blocksTotal() {
        return u32(OFF_BLOCKS_TOTAL);
    }

    public long blocksAllocated() {
        return u32(OFF_BLOCKS_ALLOCATED);
    }

    public long lchsCylinders() {
        return u32(OFF_LCHS_GEOMETRY);
    }

    public long lchsHeads() {
        return u32(OFF_LCHS_GEOMETRY + 4);
    }

    public long lchsSectors() {
        return u32(OFF_LCHS_GEOMETRY + 8);
    }

    public long lchsSectorSize() {
        return u32(OFF_LCHS_GEOMETRY + 12);
    }

    public Uuid uuidCreate() {
        return uuid(OFF_UUID_CREATE);
    }

    public Uuid uuidModify() {
        return uuid(OFF_UUID_MODIFY);
    }

    public Uuid uuidLinkage() {
        return uuid(OFF_UUID_LINKAGE);
    }

    public Uuid uuidParentModify() {
        return uuid(OFF_UUID_PARENT_MODIFY);
    }

    private Uuid uuid(int off) {
        byte[] raw = new byte[16];
        b.get(off, raw);
        return new Uuid(raw);
    }

    /** The bytes one data block takes in the file: the block and its extra data. */
    public long totalBlockSize() {
        return blockSize() + blockExtra();
    }

    /** A VirtualBox UUID ({@code RTUUID}): the first three fields are stored little-endian. */
    public record Uuid(byte[] raw) {

        public boolean isNull() {
            for (byte x : raw) {
                if (x != 0) return false;
            }
            return true;
        }

        /** The usual text form, as VirtualBox prints it and stores it in {@code .vbox} files. */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(36);
            int[] order = { 3, 2, 1, 0, -1, 5, 4, -1, 7, 6, -1, 8, 9, -1, 10, 11, 12, 13, 14, 15 };
            for (int i : order) {
                if (i < 0) {
                    s.append('-');
                } else {
                    s.append(Character.forDigit((raw[i] >> 4) & 0xf, 16)).append(Character.forDigit(raw[i] & 0xf, 16));
                }
            }
            return s.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Uuid u && java.util.Arrays.equals(raw, u.raw);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(raw);
        }
    }
}
