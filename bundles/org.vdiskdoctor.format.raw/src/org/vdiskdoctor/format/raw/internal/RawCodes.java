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
}
