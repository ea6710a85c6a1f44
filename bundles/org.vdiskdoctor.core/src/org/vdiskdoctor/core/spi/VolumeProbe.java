// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import java.io.IOException;

/**
 * A read-only check of one filesystem (or other volume content: LVM, swap) inside a volume of the guest disk.
 * Contributed as a DS service with the component property {@value #ID_PROPERTY}. The engine offers every volume it
 * knows (each partition, and the whole disk) to every volume probe; a probe that {@link #recognise recognises} its
 * content there names it and is then {@link #run} on it.
 */
public interface VolumeProbe {

    String ID_PROPERTY = "vdiskdoctor.volume-probe";

    String id();

    /**
     * The content's name ({@code ext4}, {@code ntfs}, {@code LVM2 PV}, …) when this volume holds what the probe
     * checks, judged by magic numbers in a few sectors; {@code null} otherwise. Must not report findings.
     */
    String recognise(GuestVolume volume) throws IOException;

    /** Checks the volume and reports findings; called only after {@link #recognise} named it. */
    void run(GuestVolume volume, FindingSink sink, Monitor monitor) throws IOException;
}
