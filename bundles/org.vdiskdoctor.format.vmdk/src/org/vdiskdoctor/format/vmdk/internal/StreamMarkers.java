// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.vdiskdoctor.core.io.ImageSource;

/**
 * The markers of a streamOptimized extent: a compressed grain is {u64 lba, u32 size, deflate data}; a metadata
 * marker is {u64 sectors, u32 size = 0, u32 type}. Inflation is bounded: a grain never yields more than its grain
 * size, and its compressed size may not exceed the grain size plus deflate's worst-case overhead.
 */
final class StreamMarkers {

    static final int TYPE_EOS = 0;
    static final int TYPE_GT = 1;
    static final int TYPE_GD = 2;
    static final int TYPE_FOOTER = 3;
    static final int GRAIN_MARKER = 12;

    private StreamMarkers() {
    }

    /** The largest compressed size a grain of {@code grainBytes} can have (deflate stored blocks plus zlib). */
    static long maxCompressed(long grainBytes) {
        return grainBytes + grainBytes / 1000 + 1024;
    }

    /** A compressed grain that could not be read, with the reason. */
    static final class BadGrain extends IOException {
        private static final long serialVersionUID = 1L;

        BadGrain(String message) {
            super(message);
        }
    }

    /**
     * Inflates the grain whose marker is at byte {@code at}, expected to hold guest sector {@code lba}, into
     * {@code out} (grain-sized). Returns the bytes inflated; a damaged marker or stream throws {@link BadGrain}.
     */
    static int inflate(ImageSource src, long at, long lba, byte[] out) throws IOException {
        if (!src.contains(at, GRAIN_MARKER)) {
            throw new BadGrain("the grain marker at " + Problems.hex(at) + " lies past the end of the file");
        }
        ByteBuffer m = src.read(at, GRAIN_MARKER).order(ByteOrder.LITTLE_ENDIAN);
        long markerLba = m.getLong(0);
        long size = Integer.toUnsignedLong(m.getInt(8));
        if (markerLba != lba) {
            throw new BadGrain("the grain marker at " + Problems.hex(at) + " says guest sector " + markerLba
                    + ", but the grain table maps it to sector " + lba);
        }
        if (size == 0 || size > maxCompressed(out.length) || !src.contains(at + GRAIN_MARKER, size)) {
            throw new BadGrain("the grain marker at " + Problems.hex(at) + " gives a compressed size of " + size
                    + " bytes, which is 0, larger than a grain can compress to, or past the end of the file");
        }
        ByteBuffer data = src.read(at + GRAIN_MARKER, (int) size);
        Inflater inf = new Inflater();
        try {
            inf.setInput(data);
            int n = 0;
            byte[] one = new byte[1];
            // bounded: each round either inflates bytes or ends; the guard only stops a stuck inflater
            for (int guard = 0; !inf.finished() && guard < 1_000_000; guard++) {
                boolean full = n >= out.length;
                int k = full ? inf.inflate(one) : inf.inflate(out, n, out.length - n);
                if (full && k > 0) {
                    throw new BadGrain("the deflate data of the grain at " + Problems.hex(at)
                            + " inflates to more than the grain size of " + out.length + " bytes");
                }
                n += k;
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) break;
            }
            if (!inf.finished()) {
                throw new BadGrain("the deflate data of the grain at " + Problems.hex(at) + " ends after " + n
                        + " bytes without its end mark, or inflates past the grain size of " + out.length);
            }
            return n;
        } catch (DataFormatException e) {
            throw new BadGrain("the deflate data of the grain at " + Problems.hex(at) + " is damaged: "
                    + e.getMessage());
        } finally {
            inf.end();
        }
    }
}
