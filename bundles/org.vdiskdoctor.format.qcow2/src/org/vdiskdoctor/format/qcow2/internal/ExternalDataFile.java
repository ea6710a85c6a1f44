// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Header.OFF_AUTOCLEAR;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Header.OFF_INCOMPATIBLE;

import java.nio.charset.StandardCharsets;

import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/**
 * An external data file: incompatible bit 2 says the guest data lives in another file, whose name the extension
 * {@code 0x44415441} stores; autoclear bit 1 says that file is also a valid raw image. The name is reported, never
 * resolved or opened here: the metadata in this file is all that is checked.
 */
final class ExternalDataFile {

    private ExternalDataFile() {
    }

    /** The stored name (control characters escaped), or null without the extension. */
    static String name(HeaderExtensions ext) {
        String raw = rawName(ext);
        return raw == null ? null : BackingFile.printable(raw);
    }

    /** The stored name up to the first NUL byte, as QEMU uses it, or null without the extension. */
    static String rawName(HeaderExtensions ext) {
        HeaderExtensions.Extension e = ext.find(HeaderExtensions.EXTERNAL_DATA_FILE);
        if (e == null) return null;
        int len = 0;
        while (len < e.data().length && e.data()[len] != 0) len++;
        return new String(e.data(), 0, len, StandardCharsets.UTF_8);
    }

    static boolean enabled(Qcow2Header h) {
        return (h.incompatibleFeatures() & FeatureBits.INCOMPAT_DATA_FILE) != 0;
    }

    static boolean raw(Qcow2Header h) {
        return (h.autoclearFeatures() & FeatureBits.AUTOCLEAR_DATA_FILE_RAW) != 0;
    }

    static void check(Qcow2Header h, HeaderExtensions ext, Problems p) {
        HeaderExtensions.Extension e = ext.find(HeaderExtensions.EXTERNAL_DATA_FILE);
        String name = name(ext);
        if (enabled(h)) {
            if (e == null) {
                p.add(Qcow2Codes.DATA_FILE_NAME_MISSING, OFF_INCOMPATIBLE, 8, "incompatible bit 2 (external data"
                        + " file) is set, but no external data file name extension (0x44415441) names the file; QEMU"
                        + " opens the image only when given one (QEMU: ''data-file' is required for this image')");
            } else {
                p.add(Qcow2Codes.DATA_FILE_EXTERNAL, e.offset(), 8 + e.length(), "the guest data lives in the"
                        + " external data file '" + name + "'" + (raw(h) ? " (a valid raw image)" : "")
                        + "; guest reads go to that file when it lies in the image's folder");
            }
        } else {
            if (e != null) {
                p.add(Qcow2Codes.DATA_FILE_NAME_WITHOUT_FEATURE, e.offset(), 8 + e.length(), "an external data file"
                        + " name extension at " + hex(e.offset()) + " names '" + name + "', but incompatible bit 2"
                        + " (external data file) is clear; QEMU ignores the name and reads the data from this file");
            }
            if (raw(h)) {
                p.add(Qcow2Codes.DATA_FILE_RAW_WITHOUT_FILE, OFF_AUTOCLEAR, 8, "autoclear bit 1 (raw external data)"
                        + " is set, but the image has no external data file (QEMU: 'data-file-raw requires a data"
                        + " file')");
            }
        }
    }
}
