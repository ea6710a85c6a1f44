// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import java.io.IOException;
import java.util.Optional;

import org.vdiskdoctor.core.io.ImageSource;

/** Reads the creation UUID for {@link org.vdiskdoctor.format.vdi.VdiIdentity}. */
public final class HeaderIdentity {

    private HeaderIdentity() {
    }

    public static Optional<String> uuidCreate(ImageSource source) throws IOException {
        VdiHeader h = VdiHeader.read(source);
        return HeaderChecks.interpretable(h) ? Optional.of(h.uuidCreate().toString()) : Optional.empty();
    }
}
