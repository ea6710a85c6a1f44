// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.tools;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * A sparse temporary copy of one volume, read through the format's guest reads, for a tool that can only read a
 * plain file (no nbd device exists here, and the image itself is never handed to a tool that might write). All-zero
 * chunks are not written, so a mostly empty volume costs little space. Refused (with the reason) when the volume is
 * larger than {@link DeepCheck#maxCopyBytes()} or the temporary folder runs short of space; deleted on close.
 */
public final class VolumeCopy implements AutoCloseable {

    static final int CHUNK = 1 << 20;
    /** Space left free on the temporary folder's file system, whatever the copy needs. */
    static final long RESERVE = 256L << 20;

    private final Path file;

    private VolumeCopy(Path file) {
        this.file = file;
    }

    /** Either a copy, or why none was made. */
    public sealed interface Outcome permits Made, Skipped {
    }

    public record Made(VolumeCopy copy) implements Outcome {
    }

    public record Skipped(String reason) implements Outcome {
    }

    public Path file() {
        return file;
    }

    /** Copies {@code volume} into the deep-check temporary folder. */
    public static Outcome make(GuestVolume volume, Monitor monitor) throws IOException {
        DeepCheck settings = volume.deepCheck();
        if (!settings.enabled()) return new Skipped("deep checks are off (use --deep)");
        long size = volume.size();
        if (size > settings.maxCopyBytes()) {
            return new Skipped("the volume (" + size + " bytes) is larger than the copy limit of "
                    + settings.maxCopyBytes() + " bytes (--deep-max)");
        }
        Path folder = settings.tempFolder();
        if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
            return new Skipped("the temporary folder " + folder + " is not a writable folder (--temp-dir)");
        }
        FileStore store = Files.getFileStore(folder);
        Path tmp = Files.createTempFile(folder, "vdisk-doctor-", ".volume",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        boolean done = false;
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            long written = 0;
            for (long at = 0; at < size; at += CHUNK) {
                monitor.checkpoint();
                int n = (int) Math.min(CHUNK, size - at);
                ByteBuffer b = volume.read(at, n);
                if (isZero(b)) continue;
                written += n;
                if (store.getUsableSpace() < RESERVE + n) {
                    return new Skipped("the temporary folder " + folder + " ran short of free space after "
                            + written + " bytes of the copy (" + RESERVE + " bytes are always left free)");
                }
                while (b.hasRemaining()) out.write(b, at + b.position());
            }
            // the length, holes included: the tool sees the whole volume
            if (out.size() < size) {
                out.write(ByteBuffer.allocate(1), size - 1);
            }
            done = true;
            return new Made(new VolumeCopy(tmp));
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
    }

    private static boolean isZero(ByteBuffer b) {
        for (int i = b.position(); i < b.limit(); i++) {
            if (b.get(i) != 0) return false;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
