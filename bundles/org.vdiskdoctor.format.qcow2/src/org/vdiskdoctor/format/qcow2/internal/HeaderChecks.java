// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.dec;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Header.*;

import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/**
 * Checks of the fixed header fields on their own: magic, version, header_length, cluster_bits, virtual size,
 * refcount_order. QEMU's refusal message is quoted where it has one, so a user can match it with the error the
 * hypervisor showed.
 */
final class HeaderChecks {

    /** QEMU's largest L1 table: 32 MiB of 8-byte entries. */
    static final long MAX_L1_ENTRIES = (32L << 20) / 8;

    private HeaderChecks() {
    }

    /**
     * Reports the problems of {@code h}. Returns false when the rest of the header cannot be interpreted at all
     * (file too short, unknown version): then no other structure is checked.
     */
    static boolean check(Qcow2Header h, Problems p) {
        long fileSize = h.fileSize();
        if (!h.has(OFF_MAGIC, 4)) {
            p.add(Qcow2Codes.FILE_TRUNCATED, 0, h.available(), "the file is " + fileSize
                    + " bytes, too short for even the magic of a QCOW2 header (a version 2 header has 72 bytes)");
            return false;
        }
        if (!h.magicValid()) {
            p.add(Qcow2Codes.HEADER_BAD_MAGIC, OFF_MAGIC, 4, "header magic is " + h.magicHex()
                    + ", not 51 46 49 fb ('QFI\\xfb'); the file is named like a QCOW2 image but does not start like"
                    + " one (QEMU without -f would probe it as raw)");
        }
        if (!h.has(OFF_VERSION, 4)) {
            p.add(Qcow2Codes.FILE_TRUNCATED, 0, h.available(), "the file is " + fileSize
                    + " bytes and ends inside the QCOW2 header (72 bytes at least)");
            return false;
        }
        if (!h.versionSupported()) {
            String hint = h.version() == 1 ? "; version 1 is the original QCOW format, not QCOW2" : "";
            p.add(Qcow2Codes.HEADER_UNSUPPORTED_VERSION, OFF_VERSION, 4, "header version is " + h.version()
                    + ", but QCOW2 has only versions 2 (compat=0.10) and 3 (compat=1.1) (QEMU: 'Unsupported qcow2"
                    + " version " + h.version() + "')" + hint);
            return false;
        }
        if (!h.complete()) {
            p.add(Qcow2Codes.FILE_TRUNCATED, 0, h.available(), "the file is " + fileSize
                    + " bytes, shorter than the " + h.fixedLength() + "-byte version " + h.version() + " header");
            return false;
        }
        checkHeaderLength(h, p);
        checkSize(h, p);
        if (h.refcountOrder() > 6) {
            p.add(Qcow2Codes.HEADER_REFCOUNT_ORDER_INVALID, OFF_REFCOUNT_ORDER, 4, "refcount_order is "
                    + h.refcountOrder() + " (" + refcountWidth(h.refcountOrder()) + " refcounts), above the"
                    + " maximum 6 (64-bit) (QEMU: 'Reference count entry width too large; may not exceed 64 bits')");
        }
        return true;
    }

    private static void checkHeaderLength(Qcow2Header h, Problems p) {
        if (!h.clusterBitsValid()) {
            long bits = h.clusterBits();
            p.add(Qcow2Codes.HEADER_CLUSTER_BITS_OUT_OF_RANGE, OFF_CLUSTER_BITS, 4, "cluster_bits is " + bits
                    + ", outside the range 9..21 (512-byte to 2 MiB clusters) that QEMU accepts (QEMU: 'Unsupported"
                    + " cluster size: 2^" + bits + "'); no table of this image can be located");
        }
        if (!h.isV3()) return;
        long hl = h.headerLength();
        if (hl < V3_MIN_LENGTH) {
            p.add(Qcow2Codes.HEADER_LENGTH_TOO_SMALL, OFF_HEADER_LENGTH, 4, "header_length is " + hl
                    + ", but a version 3 header has at least " + V3_MIN_LENGTH
                    + " bytes (QEMU: 'qcow2 header too short'); the header extensions cannot be located");
        } else if (h.clusterBitsValid() && hl > h.clusterSize()) {
            p.add(Qcow2Codes.HEADER_LENGTH_BEYOND_CLUSTER, OFF_HEADER_LENGTH, 4, "header_length is " + hl
                    + ", larger than the " + h.clusterSize() + "-byte cluster that must hold the header (QEMU:"
                    + " 'qcow2 header exceeds cluster size')");
        }
        if (hl % 8 != 0) {
            p.add(Qcow2Codes.HEADER_LENGTH_UNALIGNED, OFF_HEADER_LENGTH, 4, "header_length is " + hl
                    + ", not a multiple of 8 as the specification requires; header extensions start at an odd place");
        }
    }

    private static void checkSize(Qcow2Header h, Problems p) {
        long size = h.size();
        if (size == 0) {
            p.add(Qcow2Codes.HEADER_SIZE_ZERO, OFF_SIZE, 8, "the virtual size is 0 bytes: the guest sees an"
                    + " empty disk");
            return;
        }
        if (size < 0) {
            p.add(Qcow2Codes.HEADER_SIZE_TOO_LARGE, OFF_SIZE, 8, "the virtual size is " + dec(size)
                    + " bytes, above 2^63 - 1, the most any QEMU or file system can address");
            return;
        }
        if (!h.clusterBitsValid()) return;
        long needed = h.l1EntriesNeeded();
        if (needed > MAX_L1_ENTRIES) {
            p.add(Qcow2Codes.HEADER_SIZE_TOO_LARGE, OFF_SIZE, 8, "the virtual size is " + dec(size) + " bytes,"
                    + " which needs " + needed + " L1 entries with " + h.clusterSize() + "-byte clusters, more than"
                    + " the " + MAX_L1_ENTRIES + " (32 MiB) QEMU allows");
        }
    }

    /** True when the virtual size is beyond 2^63 - 1 or needs more L1 entries than QEMU allows. */
    static boolean sizeTooLarge(Qcow2Header h) {
        return h.size() < 0 || h.clusterBitsValid() && h.l1EntriesNeeded() > MAX_L1_ENTRIES;
    }

    /** "16-bit" for order 4; "2^70-bit" where the width does not fit a long. */
    static String refcountWidth(long order) {
        return order < 63 ? (1L << order) + "-bit" : "2^" + order + "-bit";
    }
}
