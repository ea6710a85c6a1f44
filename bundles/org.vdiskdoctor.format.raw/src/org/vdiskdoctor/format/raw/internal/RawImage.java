// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.raw.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.io.OutOfBoundsReadException;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;

/** An opened raw image: guest offset = file offset, guest size = file size. */
public final class RawImage extends RawFile implements GuestReader {

    /** The sector size hypervisors address disks in. */
    public static final int SECTOR = 512;
    /** Where the MBR / boot sector signature 0x55 0xAA lies in the first sector. */
    public static final int BOOT_SIGNATURE_OFFSET = 510;

    public RawImage(ImageSource source) {
        this(source, RawContent.DISK);
    }

    RawImage(ImageSource source, RawContent content) {
        super(source, content);
    }

    @Override
    public long guestSize() {
        return source.size();
    }

    /** Reads straight through; a range past the end (or a negative offset) is an {@link OutOfBoundsReadException}. */
    @Override
    public void readGuest(long guestOffset, ByteBuffer dst) throws IOException {
        if (!source.contains(guestOffset, dst.remaining())) {
            throw new OutOfBoundsReadException(guestOffset, dst.remaining(), source.size());
        }
        source.readFully(guestOffset, dst);
    }

    /** Size sanity: at least one sector, and whole sectors; an optical disc image says so. */
    @Override
    public void check(FindingSink sink, Monitor monitor) {
        if (content.code() == RawCodes.CONTENT_OPTICAL) {
            Finding.Builder f = Finding.of(content.code(), source.path() + " is " + content.what() + ": "
                    + content.advice()).at(source.path(), RawContent.ISO_MAGIC - 1, 6);
            if (content.what().contains("hybrid")) f.severity(org.vdiskdoctor.core.Severity.INFO);
            sink.report(f.build());
        }
        long size = source.size();
        if (size < SECTOR) {
            sink.report(Finding.of(RawCodes.SIZE_TOO_SMALL, source.path() + " is " + size
                    + " bytes, less than one " + SECTOR + "-byte sector").file(source.path()).build());
            return;
        }
        long remainder = size % SECTOR;
        if (remainder != 0) {
            sink.report(Finding.of(RawCodes.SIZE_UNALIGNED, source.path() + " is " + size + " bytes, not a multiple of "
                    + SECTOR + ": " + remainder + " bytes after the last whole sector (" + size / SECTOR + " sectors)")
                    .at(source.path(), size - remainder, remainder).build());
        }
    }

    /** Size, whole sectors, the bytes after them, and whether the first sector ends with the 0x55AA signature. */
    @Override
    public StructureNode describe() throws IOException {
        long size = source.size();
        StructureNode.Builder n = StructureNode.node("raw image").value(size + " bytes").range(0, size)
                .field("size", size, -1, 0)
                .field("sectors", size / SECTOR, 0, size - size % SECTOR);
        if (size % SECTOR != 0) n.field("partial sector bytes", size % SECTOR, size - size % SECTOR, size % SECTOR);
        n.child(bootSignature());
        return n.build();
    }

    private StructureNode bootSignature() throws IOException {
        if (source.size() < SECTOR) {
            return StructureNode.field("boot signature", "n/a (shorter than one sector)", -1, 0);
        }
        ByteBuffer sig = source.read(BOOT_SIGNATURE_OFFSET, 2);
        boolean present = (sig.get(0) & 0xff) == 0x55 && (sig.get(1) & 0xff) == 0xAA;
        return StructureNode.field("boot signature", present ? "present (55 AA)" : String.format(Locale.ROOT, "absent (%02X %02X)",
                sig.get(0) & 0xff, sig.get(1) & 0xff), BOOT_SIGNATURE_OFFSET, 2);
    }
}
