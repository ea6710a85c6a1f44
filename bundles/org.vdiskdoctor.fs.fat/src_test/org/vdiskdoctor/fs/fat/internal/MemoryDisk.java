// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.fat.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.io.OutOfBoundsReadException;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

/** A raw guest disk held in memory (the mutation loop), named after a real file; reads past the end fail like raw. */
record MemoryDisk(ImageSource source, byte[] data, int length) implements OpenedImage, GuestReader {
    public String format() {
        return "raw";
    }

    public long virtualSize() {
        return length;
    }

    public void check(FindingSink sink, Monitor monitor) {
    }

    public StructureNode describe() {
        return StructureNode.node("memory").build();
    }

    public long guestSize() {
        return length;
    }

    public void readGuest(long off, ByteBuffer dst) throws IOException {
        if (off < 0 || off > length || dst.remaining() > length - off) {
            throw new OutOfBoundsReadException(off, dst.remaining(), length);
        }
        dst.put(data, (int) off, dst.remaining());
    }
}
