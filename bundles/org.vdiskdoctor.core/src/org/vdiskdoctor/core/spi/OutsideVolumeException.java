// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import java.io.IOException;

/**
 * A volume probe asked for bytes outside its volume. Probes check sizes and offsets they read from a filesystem
 * against {@link GuestVolume#size()} first and report a finding; this exception means one did not, so the engine
 * reports it as an internal error of that probe rather than as damage to the file.
 */
public final class OutsideVolumeException extends IOException {
    private static final long serialVersionUID = 1L;

    public OutsideVolumeException(long offset, long length, long size) {
        super("read of " + length + " bytes at volume offset " + offset + " is outside the volume of " + size
                + " bytes");
    }
}
