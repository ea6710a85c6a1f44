// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.raw.internal;

import org.vdiskdoctor.core.FindingCode;

/** Finding codes of raw images, declared in {@code META-INF/vdiskdoctor/findings.properties}. */
public final class RawCodes {
    private RawCodes() {
    }

    /** The size is not a multiple of 512 (warning). */
    public static final FindingCode SIZE_UNALIGNED = FindingCode.of("raw.size.unaligned");
    /** The file is shorter than one 512-byte sector (error). */
    public static final FindingCode SIZE_TOO_SMALL = FindingCode.of("raw.size.too-small");
    /** The file is a compressed file or an archive (an OVA), not a disk (error). */
    public static final FindingCode CONTENT_ARCHIVE = FindingCode.of("raw.content.archive");
    /** The file is text (a web page, an OVF descriptor, a VM configuration), not a disk (error). */
    public static final FindingCode CONTENT_TEXT = FindingCode.of("raw.content.text");
    /** The file is an optical disc image (ISO 9660) (warning; info for a hybrid ISO that boots as a disk too). */
    public static final FindingCode CONTENT_OPTICAL = FindingCode.of("raw.content.optical");
}
