// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import org.vdiskdoctor.core.io.ImageSource;

/**
 * One extent as opened: where it starts in the guest (sectors), how many sectors it has, the descriptor line (null
 * for a sparse file opened without descriptor), the file (null for ZERO or when it could not be opened), the
 * sparse layout (null unless a readable SPARSE extent) and its data (null when its guest bytes cannot be read).
 */
record Extent(long start, long sectors, Descriptor.Extent line, ImageSource file, SparseLayout layout,
        ExtentData data) {
}
