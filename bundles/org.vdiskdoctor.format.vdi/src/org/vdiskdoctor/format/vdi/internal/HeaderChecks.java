// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import static org.vdiskdoctor.format.vdi.internal.Problems.hex;
import static org.vdiskdoctor.format.vdi.internal.VdiHeader.*;

import java.util.Set;

import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.format.vdi.VdiCodes;

/**
 * The checks of the pre-header and the version 1 header, in the order VirtualBox and QEMU apply them. Returns the
 * bounded {@link Layout} when the guest disk can be mapped, otherwise {@code null}; either way every problem found
 * is reported.
 */
final class HeaderChecks {

    /** VirtualBox's and QEMU's limit: the block map must stay below 4 GiB. */
    static final long MAX_BLOCKS = 0x3FFFFFFFL;
    static final long MIN_BLOCK_SIZE = 512;
    static final long MAX_BLOCK_SIZE = 256L << 20;
    static final long MAX_BLOCK_EXTRA = 256L << 20;

    /** Texts that VirtualBox (Oracle, Sun, innotek) and QEMU write into the pre-header. */
    static final Set<String> KNOWN_TEXTS = Set.of("<<< Oracle VM VirtualBox Disk Image >>>\n",
            "<<< Sun VirtualBox Disk Image >>>\n", "<<< Sun xVM VirtualBox Disk Image >>>\n",
            "<<< innotek VirtualBox Disk Image >>>\n", "<<< QEMU VM Virtual Disk Image >>>\n");

    private HeaderChecks() {
    }

    static String typeName(long type) {
        return switch ((int) type) {
            case TYPE_NORMAL -> "normal (dynamic)";
            case TYPE_FIXED -> "fixed";
            case TYPE_UNDO -> "undo";
            case TYPE_DIFF -> "differencing";
            default -> "unknown";
        };
    }

    static boolean knownType(long type) {
        return type >= TYPE_NORMAL && type <= TYPE_DIFF;
    }

    /** True when the header can be interpreted at all: signature, version 1 and the whole header present. */
    static boolean interpretable(VdiHeader h) {
        return h.signatureValid() && h.versionMajor() == 1 && h.complete();
    }

    static Layout check(VdiHeader h, long fileSize, Problems p) {
        if (h.available() < OFF_SIGNATURE + 4) {
            p.add(VdiCodes.FILE_TRUNCATED, 0, h.available(), "the file has only " + h.available()
                    + " bytes; a VDI header needs " + (PRE_HEADER_LENGTH + HEADER1_SIZE));
            return null;
        }
        if (!h.signatureValid()) {
            p.add(VdiCodes.HEADER_BAD_SIGNATURE, OFF_SIGNATURE, 4, "the signature at 0x40 is "
                    + hex(h.signature()) + ", not 0xbeda107f; VirtualBox and QEMU do not open the file as VDI");
            return null;
        }
        if (h.versionMajor() != 1) {
            String legacy = h.version() == 0 ? " (0.0 is the legacy header of VirtualBox before 1.0, whose layout"
                    + " differs; it is not interpreted here: convert the image with VBoxManage clonemedium)" : "";
            p.add(VdiCodes.HEADER_UNSUPPORTED_VERSION, OFF_VERSION, 4, "header version " + h.versionMajor() + "."
                    + h.versionMinor() + " is not supported; only 1.x is" + legacy);
            return null;
        }
        if (!h.complete()) {
            p.add(VdiCodes.FILE_TRUNCATED, 0, h.available(), "the file ends at byte " + h.available()
                    + ", inside the VDI header (" + (PRE_HEADER_LENGTH + HEADER1_SIZE) + " bytes)");
            return null;
        }
        String text = h.text();
        if (!KNOWN_TEXTS.contains(text)) {
            p.add(VdiCodes.HEADER_UNKNOWN_TEXT, OFF_TEXT, TEXT_LENGTH, "the pre-header text '" + printable(text)
                    + "' is none of the texts VirtualBox or QEMU write");
        }
        boolean mappable = true;
        long headerSize = h.headerSize();
        if (headerSize < HEADER1_SIZE) {
            p.add(VdiCodes.HEADER_SIZE_INVALID, OFF_HEADER_SIZE, 4, "the header size is " + headerSize + " bytes, less"
                    + " than the " + HEADER1_SIZE + " of a version 1 header");
            mappable = false;
        }
        long type = h.type();
        if (!knownType(type)) {
            p.add(VdiCodes.HEADER_UNKNOWN_TYPE, OFF_TYPE, 4, "image type " + type + " is unknown (1 normal, 2 fixed,"
                    + " 3 undo, 4 differencing)");
            mappable = false;
        }
        if (h.sectorSize() != 512) {
            p.add(VdiCodes.HEADER_SECTOR_SIZE_INVALID, OFF_SECTOR_SIZE, 4, "the sector size is " + h.sectorSize()
                    + ", not 512");
        }
        long bs = h.blockSize();
        boolean blockSizeOk = bs >= MIN_BLOCK_SIZE && bs <= MAX_BLOCK_SIZE && Long.bitCount(bs) == 1;
        if (!blockSizeOk) {
            p.add(VdiCodes.HEADER_BLOCK_SIZE_INVALID, OFF_BLOCK_SIZE, 4, "the block size is " + bs + " bytes, not a"
                    + " power of two from 512 bytes to 256 MiB");
            mappable = false;
        }
        if (h.blockExtra() != 0) {
            boolean huge = h.blockExtra() > MAX_BLOCK_EXTRA;
            p.add(VdiCodes.HEADER_BLOCK_EXTRA, huge ? Severity.ERROR : null, OFF_BLOCK_EXTRA, 4, "each block has "
                    + h.blockExtra() + " bytes of extra data" + (huge ? ", more than 256 MiB: the header is damaged"
                            : "; QEMU ignores them and reads every block from the wrong offset"));
            if (huge) mappable = false;
        }
        if (h.offBlocks() % 512 != 0 || h.offData() % 512 != 0) {
            boolean map = h.offBlocks() % 512 != 0;
            p.add(VdiCodes.HEADER_OFFSET_UNALIGNED, map ? OFF_BLOCKS : OFF_DATA, 4, "the " + (map ? "block map"
                    : "data") + " offset " + hex(map ? h.offBlocks() : h.offData()) + " is not a multiple of 512");
        }
        long total = h.blocksTotal();
        if (total > MAX_BLOCKS) {
            p.add(VdiCodes.HEADER_TOO_MANY_BLOCKS, OFF_BLOCKS_TOTAL, 4, "the image claims " + total + " blocks, more"
                    + " than the " + MAX_BLOCKS + " a VDI block map can hold");
            mappable = false;
        }
        long disk = h.diskSize();
        if (disk % 512 != 0) {
            p.add(VdiCodes.HEADER_DISK_SIZE_UNALIGNED, OFF_DISK_SIZE, 8, "the disk size " + Long.toUnsignedString(disk)
                    + " is not a multiple of 512; QEMU rounds it up to whole sectors");
        }
        if (blockSizeOk && total <= MAX_BLOCKS) {
            mappable &= blockCount(h, disk, bs, total, p);
        }
        if (h.blocksAllocated() > total) {
            p.add(VdiCodes.HEADER_ALLOCATED_EXCEEDS_TOTAL, OFF_BLOCKS_ALLOCATED, 4, h.blocksAllocated()
                    + " blocks are allocated, but the image has only " + total);
        }
        mappable &= regions(h, fileSize, p);
        linkage(h, p);
        if (!mappable) return null;
        long guest = (disk + 511) & ~511L;
        boolean diff = type == TYPE_DIFF || type == TYPE_UNDO;
        return new Layout(h.offBlocks(), total, h.offData(), bs, h.blockExtra(), h.blocksAllocated(), guest, diff);
    }

    private static boolean blockCount(VdiHeader h, long disk, long bs, long total, Problems p) {
        if (disk < 0) {
            p.add(VdiCodes.HEADER_BLOCK_COUNT_MISMATCH, OFF_DISK_SIZE, 8, "the disk size "
                    + Long.toUnsignedString(disk) + " is beyond what " + total + " blocks of " + bs + " bytes hold");
            return false;
        }
        long needed = disk / bs + (disk % bs == 0 ? 0 : 1);
        if (needed > total) {
            p.add(VdiCodes.HEADER_BLOCK_COUNT_MISMATCH, OFF_BLOCKS_TOTAL, 4, "the disk size " + disk + " needs "
                    + needed + " blocks of " + bs + " bytes, but the block map has " + total + " entries; the guest"
                    + " disk past byte " + total * bs + " has no map entries");
            return false;
        }
        if (needed < total) {
            p.add(VdiCodes.HEADER_BLOCK_COUNT_MISMATCH, Severity.WARNING, OFF_BLOCKS_TOTAL, 4, "the block map has "
                    + total + " entries, but the disk size " + disk + " needs only " + needed + " blocks of " + bs
                    + " bytes");
        }
        return true;
    }

    /** Header, block map and data area in order, not overlapping; the map inside the file. */
    private static boolean regions(VdiHeader h, long fileSize, Problems p) {
        long headerEnd = PRE_HEADER_LENGTH + Math.max(h.headerSize(), HEADER1_SIZE);
        long mapEnd = h.offBlocks() + 4 * Math.min(h.blocksTotal(), MAX_BLOCKS + 1);
        boolean ok = true;
        if (h.offBlocks() < headerEnd) {
            p.add(VdiCodes.HEADER_REGIONS_OVERLAP, OFF_BLOCKS, 4, "the block map at " + hex(h.offBlocks())
                    + " starts inside the header, which ends at " + hex(headerEnd));
            ok = false;
        } else if (h.offData() < mapEnd) {
            p.add(VdiCodes.HEADER_REGIONS_OVERLAP, OFF_DATA, 4, "the data area at " + hex(h.offData())
                    + " starts inside the block map (" + hex(h.offBlocks()) + " to " + hex(mapEnd) + ")");
        }
        if (mapEnd > fileSize) {
            p.add(VdiCodes.FILE_TRUNCATED, OFF_BLOCKS, 4, "the block map (" + hex(h.offBlocks()) + " to "
                    + hex(mapEnd) + ") ends past the end of the file (" + fileSize + " bytes)");
            return false;
        }
        long allocated = Math.min(h.blocksAllocated(), h.blocksTotal());
        if (h.totalBlockSize() > 0 && h.blockExtra() <= MAX_BLOCK_EXTRA) {
            long dataEnd = h.offData() + allocated * h.totalBlockSize();
            if (dataEnd > fileSize) {
                long held = Math.max(0, fileSize - h.offData()) / h.totalBlockSize();
                p.add(VdiCodes.FILE_TRUNCATED, OFF_BLOCKS_ALLOCATED, 4, allocated + " blocks are allocated, so the"
                        + " file needs " + dataEnd + " bytes, but it has " + fileSize + " (data for only " + held
                        + " blocks): the file was cut short, e.g. by an interrupted copy");
            }
        }
        return ok;
    }

    private static void linkage(VdiHeader h, Problems p) {
        boolean diff = h.type() == TYPE_DIFF || h.type() == TYPE_UNDO;
        boolean linked = !h.uuidLinkage().isNull();
        if (diff && !linked) {
            p.add(VdiCodes.HEADER_LINKAGE_INCONSISTENT, OFF_UUID_LINKAGE, 16, "the image is "
                    + typeName(h.type()) + " but names no parent (the parent UUID is all zeros); its unwritten"
                    + " blocks read as zeros here, not as the parent's data");
        } else if (!diff && knownType(h.type()) && linked) {
            p.add(VdiCodes.HEADER_LINKAGE_INCONSISTENT, Severity.WARNING, OFF_UUID_LINKAGE, 16, "the image is "
                    + typeName(h.type()) + " but stores a parent UUID " + h.uuidLinkage() + "; VirtualBox ignores"
                    + " it, QEMU refuses the image (\"non-NULL link UUID\")");
        }
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format("\\x%02x", (int) c));
            }
        }
        return b.toString();
    }
}
