// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import java.io.IOException;
import java.util.Arrays;

import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.format.vhd.VhdCodes;

/**
 * Finds the footer at the end of the file (512 or old 511 bytes) and the copy at offset 0, decides which one to
 * trust, and checks the trusted one's fields.
 */
final class FooterChecks {

    private FooterChecks() {
    }

    /** The footers found: {@code chosen} is null when there is none. */
    record Located(Footer chosen, Footer head, Footer tail) {
    }

    static Located locate(ImageSource src, Problems p) throws IOException {
        long size = src.size();
        Footer tail = null;
        if (size >= Footer.SIZE && Footer.hasCookie(src.read(size - Footer.SIZE, 8))) {
            tail = Footer.of(size - Footer.SIZE, src.read(size - Footer.SIZE, Footer.SIZE));
        } else if (size >= Footer.OLD_SIZE && Footer.hasCookie(src.read(size - Footer.OLD_SIZE, 8))) {
            tail = Footer.of(size - Footer.OLD_SIZE, src.read(size - Footer.OLD_SIZE, Footer.OLD_SIZE));
            p.add(VhdCodes.FOOTER_SHORT_511, tail.offset(), Footer.OLD_SIZE, "the footer is the 511-byte form that"
                    + " Virtual PC wrote before version 2004; current readers expect 512 bytes");
        }
        Footer head = null;
        if (size >= 2L * Footer.SIZE && Footer.hasCookie(src.read(0, 8))) {
            head = Footer.of(0, src.read(0, Footer.SIZE));
            // a fixed disk has no copy: "conectix" at 0 there is guest data that happens to look like one
            if (head.diskType() == Footer.TYPE_FIXED && tail != null) head = null;
        }
        if (tail == null) {
            if (head != null) {
                p.add(VhdCodes.FOOTER_MISSING, Math.max(0, size - Footer.SIZE), Math.min(size, Footer.SIZE),
                        "no footer (\"conectix\") in the last 512 bytes of the " + size + "-byte file: the file was cut"
                        + " short or its end overwritten; the copy at offset 0 is used. QEMU refuses the image"
                        + " (\"invalid VPC image\") unless the copy says dynamic and the end is intact");
            } else {
                p.add(VhdCodes.FOOTER_MISSING, Math.max(0, size - Footer.SIZE), Math.min(size, Footer.SIZE),
                        "no footer (\"conectix\") at the end of the " + size + "-byte file, and no copy at offset 0:"
                        + " this is not a VHD (a raw disk renamed .vhd?) or a fixed VHD whose end was cut off");
            }
        }
        Footer chosen = choose(head, tail, p);
        return new Located(chosen, head, tail);
    }

    /** QEMU trusts the copy at 0 when there is one; we trust whichever copy has a valid checksum, the end first. */
    private static Footer choose(Footer head, Footer tail, Problems p) {
        for (Footer f : new Footer[] { tail, head }) {
            if (f != null && !f.checksumValid()) {
                p.add(VhdCodes.FOOTER_BAD_CHECKSUM, f.offset() + Footer.OFF_CHECKSUM, 4, "the footer "
                        + (f.offset() == 0 ? "copy at offset 0" : "at " + Problems.hex(f.offset())) + " has checksum "
                        + Problems.hex(f.storedChecksum()) + " but its bytes sum to " + Problems.hex(f.computedChecksum())
                        + "; QEMU refuses such an image (\"Incorrect header checksum\")");
            }
        }
        if (head != null && tail != null && head.checksumValid() && tail.checksumValid()
                && !Arrays.equals(head.raw(), 0, Footer.OLD_SIZE, tail.raw(), 0, Footer.OLD_SIZE)) {
            int at = Arrays.mismatch(head.raw(), tail.raw());
            p.add(VhdCodes.FOOTER_COPY_MISMATCH, tail.offset() + at, 1, "the footer copy at offset 0 and the footer at "
                    + Problems.hex(tail.offset()) + " differ first at byte " + at + " of the footer; QEMU reads the copy,"
                    + " Hyper-V the footer at the end, so the two may see different disks");
        }
        if (tail != null && (tail.checksumValid() || head == null || !head.checksumValid())) return tail;
        return head;
    }

    /** Checks the fields of the trusted footer. */
    static void check(Footer f, long fileSize, Problems p) {
        long at = f.offset();
        if (f.version() != Footer.VERSION) {
            p.add(VhdCodes.FOOTER_BAD_VERSION, at + Footer.OFF_VERSION, 4, "file format version " + Problems.hex(
                    Integer.toUnsignedLong(f.version())) + ", the specification knows only 0x10000");
        }
        int features = f.features();
        if ((features & 2) == 0 || (features & ~3) != 0) {
            p.add(VhdCodes.FOOTER_BAD_FEATURES, at + Footer.OFF_FEATURES, 4, "features " + Problems.hex(
                    Integer.toUnsignedLong(features)) + ": the reserved bit 0x2 must always be set and only 0x1"
                    + " (temporary disk) is defined besides it");
        }
        int type = f.diskType();
        if (type != Footer.TYPE_FIXED && type != Footer.TYPE_DYNAMIC && type != Footer.TYPE_DIFFERENCING) {
            p.add(VhdCodes.FOOTER_BAD_DISK_TYPE, at + Footer.OFF_DISK_TYPE, 4, "disk type " + Integer.toUnsignedString(
                    type) + " is none of fixed (2), dynamic (3), differencing (4); the data cannot be interpreted");
            return;
        }
        long size = f.currentSize();
        if (size % 512 != 0) {
            p.add(VhdCodes.FOOTER_SIZE_UNALIGNED, at + Footer.OFF_CURRENT_SIZE, 8, "current size " + Problems.dec(size)
                    + " is not a multiple of 512; the last " + Long.remainderUnsigned(size, 512) + " bytes are not a"
                    + " whole sector");
        }
        long sectors = DiskSize.guestSectors(f);
        if (Long.compareUnsigned(sectors, DiskSize.MAX_SECTORS) > 0) {
            p.add(VhdCodes.FOOTER_SIZE_TOO_LARGE, at + Footer.OFF_CURRENT_SIZE, 8, "the disk has " + Problems.dec(
                    sectors) + " sectors, more than the 2040 GiB (" + DiskSize.MAX_SECTORS + " sectors) VHD readers"
                    + " accept; QEMU says \"File too large\"");
        }
        checkGeometry(f, p);
        if (f.savedState() != 0) {
            p.add(VhdCodes.FOOTER_SAVED_STATE, at + Footer.OFF_SAVED_STATE, 1, "the saved-state flag is set (" + f
                    .savedState() + "): the disk belongs to a VM that was saved, not shut down; Virtual PC will not"
                    + " let it be modified until that VM is resumed or its saved state discarded");
        }
        long dataOffset = f.dataOffset();
        if (type == Footer.TYPE_FIXED) {
            if (dataOffset != -1L) {
                p.add(VhdCodes.FOOTER_BAD_DATA_OFFSET, Severity.WARNING, at + Footer.OFF_DATA_OFFSET, 8, "a fixed disk's"
                        + " data offset should be 0xffffffffffffffff, it is " + Problems.hex(dataOffset)
                        + " (readers ignore it)");
            }
            checkFixedSize(f, fileSize, p);
        } else if (dataOffset < 0 || dataOffset % 512 != 0 || dataOffset > fileSize - DynamicHeader.SIZE) {
            p.add(VhdCodes.FOOTER_BAD_DATA_OFFSET, at + Footer.OFF_DATA_OFFSET, 8, "the data offset "
                    + Problems.hex(dataOffset) + " does not locate a 1024-byte dynamic header in the " + fileSize
                    + "-byte file (it must be sector-aligned and inside); the disk's blocks cannot be found");
        }
    }

    /** Whether the fields the rest of the checks rely on are usable. */
    static boolean interpretable(Footer f, long fileSize) {
        int type = f.diskType();
        if (type == Footer.TYPE_FIXED) return true;
        long d = f.dataOffset();
        return (type == Footer.TYPE_DYNAMIC || type == Footer.TYPE_DIFFERENCING) && d >= 0 && d % 512 == 0
                && d <= fileSize - DynamicHeader.SIZE;
    }

    private static void checkGeometry(Footer f, Problems p) {
        long chs = f.chsSectors() * 512;
        long size = f.currentSize();
        if (!DiskSize.usesGeometry(f) || chs == size) return;
        int[] spec = DiskSize.specGeometry(Long.divideUnsigned(size, 512));
        p.add(VhdCodes.FOOTER_GEOMETRY_MISMATCH, f.offset() + Footer.OFF_CURRENT_SIZE, 12, "creator \"" + f.creatorApp()
                + "\": geometry " + f.cylinders() + "/" + f.heads() + "/" + f.sectorsPerTrack() + " gives " + chs
                + " bytes but the current size is " + Problems.dec(size) + "; Virtual PC and QEMU size this disk by the"
                + " geometry (" + chs + "), Hyper-V by the current size. The specification's geometry for the current"
                + " size is " + spec[0] + "/" + spec[1] + "/" + spec[2]);
    }

    private static void checkFixedSize(Footer f, long fileSize, Problems p) {
        long data = f.offset();
        long guest = DiskSize.guestSectors(f) * 512;
        if (data != guest && Long.compareUnsigned(guest, DiskSize.MAX_SECTORS * 512) <= 0) {
            boolean shorter = data < guest;
            p.add(VhdCodes.FIXED_SIZE_MISMATCH, shorter ? Severity.ERROR : Severity.WARNING, 0, fileSize,
                    "the fixed disk's data before the footer is " + data + " bytes, but the disk is " + guest
                    + " bytes: " + (shorter ? "the last " + (guest - data) + " guest bytes are missing"
                            : (data - guest) + " bytes lie between the disk data and the footer"));
        }
    }
}
