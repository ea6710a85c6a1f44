// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

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

    /**
     * The guest's logical sector size in bytes, when the format records it (a VHDX's Logical Sector Size metadata
     * item: 512 or 4096). Partition tables count their LBAs in these units: a GPT header sits at byte 4096 of a disk
     * with 4096-byte sectors. Formats that record nothing keep the default, 512; the GPT probe then looks for a
     * header at byte 4096 itself (raw dumps of 4K-native drives).
     */
    default int logicalSectorSize() {
        return 512;
    }

    /**
     * The parent image some guest data lives in, when the driver looked for that parent itself and did not find it
     * (a VDI differencing image whose parent UUID matches no file), described for the chain (e.g. {@code "UUID
     * 0102..."}). The driver has reported why; the engine shows the chain as unresolved and does not run partition
     * or filesystem probes, which would only echo that finding as read errors. Empty for complete images and for
     * parents the engine resolves from {@link OpenedImage#backing()}.
     */
    default Optional<String> missingParent() {
        return Optional.empty();
    }
}
