// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.swap;

import org.vdiskdoctor.core.FindingCode;

/** Finding codes of the Linux swap volume probe, declared in {@code META-INF/vdiskdoctor/findings.properties}. */
public final class SwapCodes {
    private SwapCodes() {
    }

    /** A Linux swap area, its label, UUID, size and guest byte offset (info). */
    public static final FindingCode FOUND = FindingCode.of("fs.swap.found");
    /** The swap header says the area is larger than its volume (error). */
    public static final FindingCode BEYOND_VOLUME = FindingCode.of("fs.swap.beyond-volume");
    /** The old "SWAP-SPACE" (version 0) format, refused by Linux since 2.6 (error). */
    public static final FindingCode OLD_FORMAT = FindingCode.of("fs.swap.old-format");
    /** A "SWAPSPACE2" header whose version is not 1 (error). */
    public static final FindingCode VERSION_UNKNOWN = FindingCode.of("fs.swap.version-unknown");
    /** The swap area holds a hibernation image instead of its signature (warning). */
    public static final FindingCode HIBERNATION = FindingCode.of("fs.swap.hibernation-image");
    /** Swap where the partition type says a filesystem is (info). */
    public static final FindingCode IN_FILESYSTEM_PARTITION = FindingCode.of("fs.swap.in-filesystem-partition");
}
