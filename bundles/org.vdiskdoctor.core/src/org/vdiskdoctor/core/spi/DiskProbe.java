// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import java.io.IOException;

/**
 * A read-only check over an opened image (a partition table, a filesystem, a platform rule). Contributed as a DS
 * service with the component property {@value #ID_PROPERTY}. The engine runs every probe whose
 * {@link #appliesTo} says yes, after the format's own check.
 */
public interface DiskProbe {

    String ID_PROPERTY = "vdiskdoctor.probe";

    String id();

    boolean appliesTo(OpenedImage image);

    void run(OpenedImage image, FindingSink sink, Monitor monitor) throws IOException;
}
