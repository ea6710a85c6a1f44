// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.lvm;

import org.vdiskdoctor.core.FindingCode;

/** Finding codes of the LVM physical-volume probe, declared in {@code META-INF/vdiskdoctor/findings.properties}. */
public final class LvmCodes {
    private LvmCodes() {
    }

    /** An LVM2 physical volume, its UUID, size and volume group (info). */
    public static final FindingCode FOUND = FindingCode.of("fs.lvm.found");
    /** The PV label's CRC does not match: LVM ignores the label (error). */
    public static final FindingCode LABEL_CHECKSUM = FindingCode.of("fs.lvm.label.checksum");
    /** The PV header says the device is larger than the volume (error). */
    public static final FindingCode BEYOND_VOLUME = FindingCode.of("fs.lvm.pv.beyond-volume");
    /** A metadata area's header is missing, damaged or outside the volume (error). */
    public static final FindingCode METADATA_INVALID = FindingCode.of("fs.lvm.metadata.invalid");
    /** The volume group metadata text does not match its checksum (error). */
    public static final FindingCode METADATA_CHECKSUM = FindingCode.of("fs.lvm.metadata.checksum");
}
