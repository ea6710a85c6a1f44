// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.testing;

import java.io.IOException;

import org.vdiskdoctor.core.spi.DiskProbe;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

/**
 * A disk probe that reads the whole guest disk the engine hands it and keeps the bytes, so a test can compare what a
 * probe sees through the engine (backing chains resolved) with what QEMU reads.
 */
public final class GuestCapture implements DiskProbe {

    /** How the probe reads the guest disk. */
    @FunctionalInterface
    public interface Reader {
        byte[] read(GuestReader guest) throws Exception;
    }

    private final Reader reader;
    private volatile boolean ran;
    private volatile byte[] bytes;

    /** A probe reading with {@code reader}. */
    public GuestCapture(Reader reader) {
        this.reader = reader;
    }

    /** A probe reading with {@link GuestReads#readAll} in chunks of {@code chunk} bytes. */
    public static GuestCapture inChunks(int chunk) {
        return new GuestCapture(g -> GuestReads.readAll(g, chunk));
    }

    @Override
    public String id() {
        return "test.reader";
    }

    @Override
    public boolean appliesTo(OpenedImage image) {
        return image instanceof GuestReader;
    }

    @Override
    public void run(OpenedImage image, FindingSink sink, Monitor monitor) throws IOException {
        ran = true;
        try {
            bytes = reader.read((GuestReader) image);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** Whether the engine ran the probe (set before it reads, so also when the read failed). */
    public boolean ran() {
        return ran;
    }

    /** The guest disk as read, or null when the probe did not run or its read failed. */
    public byte[] bytes() {
        return bytes;
    }
}
