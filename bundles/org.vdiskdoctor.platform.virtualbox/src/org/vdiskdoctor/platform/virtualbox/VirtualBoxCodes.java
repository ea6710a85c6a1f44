// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.platform.virtualbox;

import org.vdiskdoctor.core.FindingCode;

/**
 * The finding codes of the VirtualBox folder checks, {@code virtualbox.<structure>.<problem>}, declared in this
 * bundle's {@code META-INF/vdiskdoctor/findings.properties}. Codes are stable: a released code is never renamed.
 */
public final class VirtualBoxCodes {
    private VirtualBoxCodes() {
    }

    /** A media registry entry's UUID differs from the uuidCreate of the VDI file at its location. */
    public static final FindingCode REGISTRY_UUID_MISMATCH = FindingCode.of("virtualbox.registry.uuid-mismatch");
    /** A media registry entry names a disk image file that does not exist. */
    public static final FindingCode REGISTRY_MEDIUM_MISSING = FindingCode.of("virtualbox.registry.medium-missing");
    /** A .vbox file cannot be read as VirtualBox XML (malformed, too large, or with a DOCTYPE). */
    public static final FindingCode VBOX_UNREADABLE = FindingCode.of("virtualbox.vbox.unreadable");
    /** Two VDI files of one folder carry the same creation UUID (a copy made with cp): VirtualBox refuses one. */
    public static final FindingCode MEDIA_DUPLICATE_UUID = FindingCode.of("virtualbox.media.duplicate-uuid");
}
