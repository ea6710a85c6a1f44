// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.testing;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.io.OutOfBoundsReadException;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestDisk;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

/**
 * A raw guest disk held in memory, as the mutation loops feed probes: {@code length} bytes of {@code data}, named
 * after a real file ({@code source}); reads past the end fail as they do on a raw image.
 */
public record MemoryDisk(ImageSource source, byte[] data, int length) implements OpenedImage, GuestReader {
    @Override
    public String format() {
        return "raw";
    }

    @Override
    public long virtualSize() {
        return length;
    }

    @Override
    public void check(FindingSink sink, Monitor monitor) {
        // nothing to check: the bytes are the guest disk itself
    }

    @Override
    public StructureNode describe() {
        return StructureNode.node("memory").build();
    }

    @Override
    public long guestSize() {
        return length;
    }

    @Override
    public void readGuest(long off, ByteBuffer dst) throws IOException {
        if (off < 0 || off > length || dst.remaining() > length - off) {
            throw new OutOfBoundsReadException(off, dst.remaining(), length);
        }
        dst.put(data, (int) off, dst.remaining());
    }

    /** The whole disk as the volume the engine would offer. */
    public GuestVolume volume() {
        return new GuestVolume(new GuestDisk(this), Volume.wholeDisk(length));
    }
}
