// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.Monitor;

/** What the parts of one consistency check share: the file, its geometry, the report and the counts so far. */
record CheckContext(ImageSource source, CheckGeometry geometry, CheckReport report, Monitor monitor,
        ComputedRefcounts computed, RefcountBlocks disk, L2References l2) {
}
