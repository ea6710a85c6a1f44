// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi;

import java.io.IOException;
import java.util.Optional;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.format.vdi.internal.HeaderIdentity;

/**
 * The identity a VDI image stores in its header, for platform checks that compare it with a hypervisor's records
 * (the VirtualBox media registry). Reads only the header, bounded; never writes.
 */
public final class VdiIdentity {

    /** File offset of the creation UUID ({@code uuidCreate}, 16 bytes). */
    public static final int UUID_CREATE_OFFSET = 0x188;

    private VdiIdentity() {
    }

    /**
     * The creation UUID of {@code source} in VirtualBox's text form (lowercase, no braces), or empty when the file
     * is not an interpretable VDI image (wrong signature or version, cut inside the header).
     */
    public static Optional<String> uuidCreate(ImageSource source) throws IOException {
        return HeaderIdentity.uuidCreate(source);
    }
}
