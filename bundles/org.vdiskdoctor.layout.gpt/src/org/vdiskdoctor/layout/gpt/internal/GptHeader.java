// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import org.vdiskdoctor.core.spi.GuestDisk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * One GPT header (UEFI spec 5.3.2), as read from one sector: the primary at LBA 1 or the backup at the LBA the
 * primary's AlternateLBA names, normally the last one. All fields little-endian; unsigned 32-bit fields are held in
 * {@code long}s so that 0xFFFFFFFF stays positive.
 */
final class GptHeader {

    static final byte[] SIGNATURE = "EFI PART".getBytes(StandardCharsets.US_ASCII);
    static final int REVISION_1_0 = 0x0001_0000;
    static final int MIN_HEADER_SIZE = 92;
    static final int MIN_ENTRY_SIZE = 128;
    static final int MAX_ENTRY_SIZE = 4096;
    /**
     * The largest partition array read: 1 MiB is 8192 entries of 128 bytes, 64 times what any tool writes. A larger
     * count × size is damage (gdisk itself dies of bad_alloc on 0xFFFFFFFF entries), never something to allocate.
     */
    static final long MAX_ARRAY_BYTES = 1 << 20;

    /** What is wrong with a header, in the order it is checked. */
    enum Fault {
        /** Signature, size, CRC, self-pointer or entry size: nothing in the header can be trusted. */
        HEADER,
        /** The header is intact but declares an array larger than {@link GptHeader#MAX_ARRAY_BYTES}. */
        ARRAY_TOO_LARGE
    }

    /** Why a header cannot be used. */
    record Defect(Fault fault, String text) {
    }

    final long location;
    final int sectorSize;
    final byte[] signature;
    final int revision;
    final long headerSize;
    final long storedCrc;
    final long computedCrc;
    final long myLba;
    final long alternateLba;
    final long firstUsable;
    final long lastUsable;
    final byte[] diskGuid;
    final long entryLba;
    final long entryCount;
    final long entrySize;
    final long arrayCrc;

    private GptHeader(long location, ByteBuffer s) {
        this.location = location;
        this.sectorSize = s.capacity();
        signature = new byte[8];
        s.get(0, signature);
        revision = s.getInt(8);
        headerSize = Integer.toUnsignedLong(s.getInt(12));
        storedCrc = Integer.toUnsignedLong(s.getInt(16));
        myLba = s.getLong(24);
        alternateLba = s.getLong(32);
        firstUsable = s.getLong(40);
        lastUsable = s.getLong(48);
        diskGuid = new byte[16];
        s.get(56, diskGuid);
        entryLba = s.getLong(72);
        entryCount = Integer.toUnsignedLong(s.getInt(80));
        entrySize = Integer.toUnsignedLong(s.getInt(84));
        arrayCrc = Integer.toUnsignedLong(s.getInt(88));
        computedCrc = headerSize >= MIN_HEADER_SIZE && headerSize <= s.capacity() ? crc(s, (int) headerSize) : -1;
    }

    /**
     * Reads the header sector at {@code lba}; the caller checked that the disk holds it. HeaderSize may reach the
     * disk's sector size (UEFI: at most the logical block size).
     */
    static GptHeader read(GuestDisk disk, long lba) throws IOException {
        return new GptHeader(lba, disk.read(lba, 1));
    }

    /** CRC-32 (zlib) over the first {@code size} bytes with the HeaderCRC32 field taken as zero. */
    private static long crc(ByteBuffer s, int size) {
        byte[] b = new byte[size];
        s.get(0, b);
        Arrays.fill(b, 16, 20, (byte) 0);
        CRC32 c = new CRC32();
        c.update(b);
        return c.getValue();
    }

    boolean hasSignature() {
        return Arrays.equals(signature, SIGNATURE);
    }

    boolean isPrimary() {
        return location == 1;
    }

    /** The array's size in bytes; only meaningful once {@link #defect} found no header fault. */
    long arrayBytes() {
        return entryCount * entrySize;
    }

    long arraySectors() {
        return (arrayBytes() + sectorSize - 1) / sectorSize;
    }

    /** Why this header cannot be used on a disk of {@code sectors} sectors, or {@code null} when it can. */
    Defect defect(long sectors) {
        if (!hasSignature()) {
            return new Defect(Fault.HEADER, "no 'EFI PART' signature (reads " + HexFormat.ofDelimiter(" ")
                    .formatHex(signature) + ")");
        }
        if (computedCrc < 0) {
            return new Defect(Fault.HEADER, "HeaderSize " + headerSize + " is outside " + MIN_HEADER_SIZE + ".."
                    + sectorSize);
        }
        if (computedCrc != storedCrc) {
            return new Defect(Fault.HEADER, String.format("header CRC-32 is 0x%08x, but the header's %d bytes give "
                    + "0x%08x", storedCrc, headerSize, computedCrc));
        }
        if (myLba != location) {
            return new Defect(Fault.HEADER, "MyLBA is " + Long.toUnsignedString(myLba)
                    + ", but the header was read at LBA "
                    + location);
        }
        if (alternateLba == location || alternateLba == 0) {
            return new Defect(Fault.HEADER, "AlternateLBA " + alternateLba + " names no other copy");
        }
        if (entrySize < MIN_ENTRY_SIZE || entrySize > MAX_ENTRY_SIZE || Long.bitCount(entrySize) != 1) {
            return new Defect(Fault.HEADER, "SizeOfPartitionEntry " + entrySize + " is not 128 × 2^n up to "
                    + MAX_ENTRY_SIZE);
        }
        if (arrayBytes() > MAX_ARRAY_BYTES) {
            return new Defect(Fault.ARRAY_TOO_LARGE, "NumberOfPartitionEntries " + entryCount + " × " + entrySize
                    + " bytes = " + arrayBytes() + " bytes, more than the " + MAX_ARRAY_BYTES
                    + "-byte limit; the array was not read");
        }
        if (entryLba < 2 || entryLba == location || !new GuestDiskRange(sectors).contains(entryLba, arraySectors())) {
            return new Defect(Fault.HEADER, "the partition array at LBA " + Long.toUnsignedString(entryLba) + " ("
                    + arraySectors() + " sectors) lies outside the disk's " + sectors + " sectors");
        }
        return null;
    }

    /** Sector-range arithmetic that cannot overflow. */
    private record GuestDiskRange(long sectors) {
        boolean contains(long lba, long count) {
            return lba >= 0 && count >= 0 && lba <= sectors && count <= sectors - lba;
        }
    }

    /** The disk GUID in its usual text form. */
    String diskGuidText() {
        return GptEntry.guid(diskGuid);
    }
}
