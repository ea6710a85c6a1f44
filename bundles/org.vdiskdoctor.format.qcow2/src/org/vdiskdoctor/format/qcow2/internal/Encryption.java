// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.dec;
import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Header.OFF_CRYPT_METHOD;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/**
 * The encryption of an image: crypt_method at offset 32 (0 none, 1 legacy AES-CBC, 2 LUKS) and, for LUKS, the full
 * disk encryption header extension ({@code 0x0537be77}: u64 offset, u64 length of the LUKS header, which lies in
 * clusters of the image file). The key is never asked for: an encrypted image is checked down to its metadata only.
 */
final class Encryption {

    static final int NONE = 0;
    static final int AES = 1;
    static final int LUKS = 2;

    /** Where the LUKS header lies, or null without a valid extension. */
    record LuksHeader(long offset, long length, long extensionOffset) {
    }

    private Encryption() {
    }

    static String methodName(long method) {
        return switch ((int) Math.min(method, Integer.MAX_VALUE)) {
            case NONE -> "none";
            case AES -> "AES-CBC (legacy)";
            case LUKS -> "LUKS";
            default -> "unknown (" + method + ")";
        };
    }

    /** The LUKS header location from the extension, when the extension has the right length. */
    static LuksHeader luksHeader(HeaderExtensions ext) {
        HeaderExtensions.Extension e = ext.find(HeaderExtensions.FULL_DISK_ENCRYPTION);
        if (e == null || e.length() != HeaderExtensions.FDE_LENGTH) return null;
        return new LuksHeader(e.buffer().getLong(0), e.buffer().getLong(8), e.offset());
    }

    static void check(Qcow2Header h, HeaderExtensions ext, ImageSource src, Problems p) {
        long method = h.cryptMethod();
        HeaderExtensions.Extension fde = ext.find(HeaderExtensions.FULL_DISK_ENCRYPTION);
        if (method == AES) {
            p.add(Qcow2Codes.CRYPT_AES, OFF_CRYPT_METHOD, 4, "the image uses the legacy built-in AES-CBC encryption"
                    + " (crypt_method 1), which is insecure; QEMU system emulators refuse it ('Use of AES-CBC"
                    + " encrypted qcow2 images is no longer supported in system emulators'), only qemu-img reads it");
        } else if (method == LUKS) {
            p.add(Qcow2Codes.CRYPT_LUKS, OFF_CRYPT_METHOD, 4, "the image is LUKS-encrypted (crypt_method 2);"
                    + " encrypted; guest content cannot be checked without the key");
            if (fde == null) {
                p.add(Qcow2Codes.CRYPT_LUKS_HEADER_MISSING, OFF_CRYPT_METHOD, 4, "crypt_method is 2 (LUKS), but"
                        + " there is no full disk encryption header extension (0x0537be77) telling where the LUKS"
                        + " header is (QEMU: 'Missing CRYPTO header for crypt method 2')");
            }
        } else if (method != NONE) {
            p.add(Qcow2Codes.CRYPT_UNKNOWN_METHOD, OFF_CRYPT_METHOD, 4, "crypt_method is " + method
                    + ", neither 0 (none), 1 (AES) nor 2 (LUKS); the guest data cannot be decrypted by any QEMU");
        }
        if (fde == null) return;
        if (method != LUKS) {
            p.add(Qcow2Codes.CRYPT_LUKS_HEADER_INVALID, fde.offset(), 8 + fde.length(), "a full disk encryption"
                    + " header extension is at " + hex(fde.offset()) + ", but crypt_method is " + method
                    + " (" + methodName(method) + "), not 2 (LUKS) (QEMU: 'CRYPTO header extension only expected"
                    + " with LUKS encryption method')");
            return;
        }
        LuksHeader luks = luksHeader(ext);
        if (luks == null) return; // wrong length: reported as qcow2.extension.bad-length
        long at = fde.dataOffset();
        if (h.clusterBitsValid() && (luks.offset() & (h.clusterSize() - 1)) != 0) {
            p.add(Qcow2Codes.CRYPT_LUKS_HEADER_INVALID, at, 8, "the LUKS header offset " + dec(luks.offset())
                    + " is not a multiple of the cluster size " + h.clusterSize() + " (QEMU: 'Encryption header"
                    + " offset '" + dec(luks.offset()) + "' is not a multiple of cluster size '" + h.clusterSize()
                    + "'')");
        } else if (luks.length() == 0 || !src.contains(luks.offset(), luks.length())) {
            p.add(Qcow2Codes.CRYPT_LUKS_HEADER_INVALID, at, 16, "the LUKS header is said to lie at "
                    + hex(luks.offset()) + " with " + dec(luks.length()) + " bytes, but the file has "
                    + src.size() + " bytes; without its LUKS header the image cannot be decrypted");
        }
    }
}
