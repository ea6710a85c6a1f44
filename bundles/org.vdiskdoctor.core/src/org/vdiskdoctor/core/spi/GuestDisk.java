// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;

/**
 * The guest's disk as a row of sectors, read through the format driver's {@link GuestReader}. Knows where the
 * evidence for a guest byte range lies: for a raw image the guest offset is the file offset; for every other
 * format it is not, so the evidence is the whole file and the message names the guest bytes. Partition-table and
 * filesystem probes share it.
 */
public final class GuestDisk {

    /**
     * The usual logical sector size, and the one assumed when the format records none. A disk's own size is
     * {@link #sectorSize()}: LBAs, {@link #sectors()}, {@link #read} and {@link #finding} count in it.
     */
    public static final int SECTOR = 512;

    /** The largest logical sector size accepted (a power of two; larger values fall back to {@link #SECTOR}). */
    public static final int MAX_SECTOR = 65536;

    private final GuestReader reader;
    private final Path file;
    private final boolean raw;
    private final int sectorSize;
    private final long sectors;
    private final long bytes;

    /**
     * The guest disk of {@code image}, which must be a {@link GuestReader}, in the sectors its format records
     * ({@link GuestReader#logicalSectorSize()}; {@link #SECTOR} when that is not a power of two up to
     * {@link #MAX_SECTOR}).
     */
    public GuestDisk(OpenedImage image) {
        this((GuestReader) image, image.source().path(), "raw".equals(image.format()), declared((GuestReader) image));
    }

    private static int declared(GuestReader reader) {
        int size = reader.logicalSectorSize();
        return valid(size) ? size : SECTOR;
    }

    private GuestDisk(GuestReader reader, Path file, boolean raw, int sectorSize) {
        this.reader = reader;
        this.file = file;
        this.raw = raw;
        this.sectorSize = sectorSize;
        this.bytes = Math.max(0, reader.guestSize());
        this.sectors = bytes / sectorSize;
    }

    private static boolean valid(int size) {
        return size >= SECTOR && size <= MAX_SECTOR && Integer.bitCount(size) == 1;
    }

    /**
     * The same disk counted in {@code size}-byte sectors: for a partition table written for other sectors than the
     * format records (a GPT at byte 4096 of a raw image).
     *
     * @throws IllegalArgumentException when {@code size} is not a power of two from 512 to {@link #MAX_SECTOR}
     */
    public GuestDisk withSectorSize(int size) {
        if (!valid(size)) throw new IllegalArgumentException("sector size " + size);
        return size == sectorSize ? this : new GuestDisk(reader, file, raw, size);
    }

    /** The logical sector size in bytes: the unit of LBAs on this disk. */
    public int sectorSize() {
        return sectorSize;
    }

    /** Whole {@link #sectorSize()} sectors the guest sees (a partial last sector does not count). */
    public long sectors() {
        return sectors;
    }

    /** The guest-visible size in bytes (a partial last sector counts here). */
    public long bytes() {
        return bytes;
    }

    /**
     * Reads {@code length} guest bytes at {@code offset}, little-endian, positioned at 0; the caller checked the
     * range lies inside {@link #bytes()}.
     */
    public ByteBuffer readBytes(long offset, int length) throws IOException {
        if (offset < 0 || length < 0 || offset > bytes || length > bytes - offset) {
            throw new IllegalArgumentException("bytes " + offset + "+" + length + " outside the disk");
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        reader.readGuest(offset, b);
        b.flip();
        return b.order(ByteOrder.LITTLE_ENDIAN);
    }

    public long lastLba() {
        return sectors - 1;
    }

    public Path file() {
        return file;
    }

    /** Whether {@code count} sectors from {@code lba} lie inside the disk. */
    public boolean contains(long lba, long count) {
        return lba >= 0 && count >= 0 && lba <= sectors && count <= sectors - lba;
    }

    /** Reads {@code count} sectors at {@code lba}, little-endian; the caller checked {@link #contains}. */
    public ByteBuffer read(long lba, int count) throws IOException {
        if (!contains(lba, count)) {
            throw new IllegalArgumentException("sectors " + lba + "+" + count + " outside the disk");
        }
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(count, sectorSize));
        reader.readGuest(lba * sectorSize, b);
        b.flip();
        return b.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The file offset of a guest byte, or -1 when the format does not map guest bytes 1:1 (structure nodes). */
    public long fileOffset(long guestOffset) {
        return raw ? guestOffset : -1;
    }

    /** "guest LBA 1 (byte 512)", counting in 512-byte sectors; {@link #whereLba} counts in this disk's. */
    public static String where(long lba) {
        return "guest LBA " + lba + " (byte " + lba * SECTOR + ")";
    }

    /** "guest LBA 1 (byte 4096)" on a disk of 4096-byte sectors. */
    public String whereLba(long lba) {
        return "guest LBA " + lba + " (byte " + lba * sectorSize + ")";
    }

    /** A finding whose evidence is {@code count} sectors at {@code lba}. */
    public Finding finding(FindingCode code, String message, long lba, long count) {
        Finding.Builder b = Finding.of(code, file + ": " + message);
        if (raw && lba >= 0 && contains(lba, count)) {
            b.at(file, lba * sectorSize, count * sectorSize);
        } else {
            b.file(file);
        }
        return b.build();
    }
}
