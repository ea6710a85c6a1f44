// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Optional ability of an {@link OpenedImage}: read what the guest sees. Partition and filesystem probes read
 * through this, so they work the same on every container format.
 */
public interface GuestReader {

    /** Guest-visible size in bytes. */
    long guestSize();

    /**
     * Fills {@code dst} with guest bytes starting at {@code guestOffset}. Unallocated areas read as zeros (or from
     * the backing image when the format falls through). Reads past {@link #guestSize()} are an error.
     */
    void readGuest(long guestOffset, ByteBuffer dst) throws IOException;
}
