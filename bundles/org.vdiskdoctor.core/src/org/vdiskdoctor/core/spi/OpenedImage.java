// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;

/**
 * An image opened by its {@link FormatDriver}, read-only. Optional abilities are separate interfaces: an opened
 * image that can read guest sectors also implements {@link GuestReader}.
 */
public interface OpenedImage extends AutoCloseable {

    /** The format id of the driver that opened it. */
    String format();

    ImageSource source();

    /** The guest-visible size in bytes, or -1 when the header does not tell it reliably. */
    long virtualSize();

    /** Runs the format's structural check, reporting to {@code sink}. Honour {@code monitor}'s checkpoints. */
    void check(FindingSink sink, Monitor monitor) throws IOException;

    /**
     * Runs the structural check as the engine does, knowing whether the user asked for deep checks ({@code --deep}):
     * a format may then also do work too slow for every run (e.g. inflating every compressed grain). The default
     * ignores {@code deep}.
     */
    default void check(FindingSink sink, Monitor monitor, DeepCheck deep) throws IOException {
        check(sink, monitor);
    }

    /** A description of the on-disk structure for {@code inspect} and the Disk Inspector. */
    StructureNode describe() throws IOException;

    /** The parent image this one reads through to, when it has one. */
    default Optional<BackingReference> backing() {
        return Optional.empty();
    }

    /**
     * The identities a child stores to name this image as its parent, keyed by a name both sides agree on (e.g.
     * {@code CID} for VMDK, {@code uniqueId} for VHD, {@code dataWriteGuid} for VHDX, {@code uuidCreate} and
     * {@code uuidModify} for VDI). Empty when the format has none. See {@link BackingReference#expectedParentIds()}.
     */
    default Map<String, String> linkIds() {
        return Map.of();
    }

    @Override
    default void close() throws IOException {
    }
}
