// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.core.io.ImageSource;

/**
 * One volume of the guest disk as a row of bytes starting at 0, for {@link VolumeProbe}s. Reads are bounded to the
 * volume (and to the disk); findings name the volume and its byte offset on the guest disk, with file evidence
 * where guest bytes map 1:1 to the file (raw images).
 */
public final class GuestVolume {

    private final GuestDisk disk;
    private final Volume volume;
    private final long size;
    private final DeepCheck deepCheck;

    /** A volume whose probes may not run external tools. */
    public GuestVolume(GuestDisk disk, Volume volume) {
        this(disk, volume, DeepCheck.OFF);
    }

    public GuestVolume(GuestDisk disk, Volume volume, DeepCheck deepCheck) {
        this.disk = disk;
        this.volume = volume;
        this.deepCheck = deepCheck == null ? DeepCheck.OFF : deepCheck;
        long room = Math.max(0, disk.bytes() - volume.offset());
        this.size = Math.max(0, Math.min(volume.length(), room));
    }

    public Volume volume() {
        return volume;
    }

    public GuestDisk disk() {
        return disk;
    }

    /** Whether the user allowed deep checks by the real tools, and their limits. */
    public DeepCheck deepCheck() {
        return deepCheck;
    }

    /** Where the volume's bytes lie in one file, unchanged: a tool can read them there without a copy. */
    public record RawRange(Path file, long offset, long length) {
    }

    /** The volume's bytes in the image file itself, when the image is raw; empty for every other format. */
    public Optional<RawRange> rawRange() {
        long at = disk.fileOffset(volume.offset());
        return at < 0 ? Optional.empty() : Optional.of(new RawRange(disk.file(), at, size));
    }

    /** Bytes of the volume that lie inside the disk. */
    public long size() {
        return size;
    }

    public Path file() {
        return disk.file();
    }

    /** Whether {@code length} bytes at {@code offset} (volume-relative) lie inside the volume. */
    public boolean contains(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= size && length <= size - offset;
    }

    /**
     * Reads {@code length} bytes at the volume-relative {@code offset}, little-endian, positioned at 0.
     *
     * @throws OutsideVolumeException when the range is outside the volume or larger than one read may be
     */
    public ByteBuffer read(long offset, int length) throws IOException {
        if (!contains(offset, length) || length > ImageSource.MAX_READ) {
            throw new OutsideVolumeException(offset, length, size);
        }
        return disk.readBytes(volume.offset() + offset, length);
    }

    /** The guest-disk byte of a volume byte. */
    public long guestOffset(long offset) {
        return volume.offset() + offset;
    }

    /** "partition gpt:1 (guest byte 1048576)" — the prefix every finding of this volume carries. */
    public String where() {
        return volume.label() + " at guest byte " + volume.offset();
    }

    /** A finding about {@code length} volume bytes at {@code offset}; the message is prefixed with file and volume. */
    public Finding finding(FindingCode code, String message, long offset, long length) {
        Finding.Builder b = Finding.of(code, disk.file() + ": " + where() + ": " + message);
        long fileOffset = disk.fileOffset(volume.offset() + offset);
        if (fileOffset >= 0 && contains(offset, length)) {
            b.at(disk.file(), fileOffset, length);
        } else {
            b.file(disk.file());
        }
        return b.build();
    }
}
