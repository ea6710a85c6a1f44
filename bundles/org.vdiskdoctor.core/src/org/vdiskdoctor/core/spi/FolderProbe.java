// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import java.io.IOException;
import java.nio.file.Path;

import org.vdiskdoctor.core.io.PathPolicy;

/**
 * A read-only check over a VM folder (locks, configs, descriptors beside extents). Contributed as a DS service with
 * the component property {@value DiskProbe#ID_PROPERTY}.
 */
public interface FolderProbe {

    String id();

    boolean appliesTo(Path folder);

    /** {@code policy} says which file names read from configs may be followed. */
    void run(Path folder, PathPolicy policy, FindingSink sink, Monitor monitor) throws IOException;
}
