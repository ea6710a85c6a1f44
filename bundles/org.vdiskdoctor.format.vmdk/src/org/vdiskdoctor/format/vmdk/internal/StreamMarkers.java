// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.vdiskdoctor.core.io.ImageSource;

/**
 * The markers of a streamOptimized extent: a compressed grain is {u64 lba, u32 size, zlib data}; a metadata marker
 * is {u64 sectors, u32 size = 0, u32 type}. {@link #marker} validates a grain without inflating it (the structural
 * check's default: a 14-byte read per grain); {@link Inflating} inflates, bounded: a grain never yields more than its
 * grain size, and its compressed size may not exceed the grain size plus deflate's worst-case overhead.
 */
final class StreamMarkers {

    static final int TYPE_EOS = 0;
    static final int TYPE_GT = 1;
    static final int TYPE_GD = 2;
    static final int TYPE_FOOTER = 3;
    static final int GRAIN_MARKER = 12;
    /** The marker plus the two-byte zlib header (RFC 1950) that starts the compressed data. */
    private static final int MARKER_AND_ZLIB = GRAIN_MARKER + 2;

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
     * Validates the grain marker at byte {@code at} without inflating: it names guest sector {@code lba}, its
     * compressed size is possible for a grain of {@code grainBytes} and lies in the file, and the data starts with a
     * valid zlib header. Returns the compressed size; a damaged marker throws {@link BadGrain}.
     */
    static int marker(ImageSource src, long at, long lba, long grainBytes) throws IOException {
        if (!src.contains(at, GRAIN_MARKER)) {
            throw new BadGrain("the grain marker at " + Problems.hex(at) + " lies past the end of the file");
        }
        return marker(src.read(at, src.contains(at, MARKER_AND_ZLIB) ? MARKER_AND_ZLIB : GRAIN_MARKER), src, at,
                lba, grainBytes);
    }

    /**
     * Like {@link #marker(ImageSource, long, long, long)} on the marker bytes already read into {@code bytes} (from
     * its position: 14 bytes, or 12 when the file ends before the zlib header).
     */
    static int marker(ByteBuffer bytes, ImageSource src, long at, long lba, long grainBytes) throws IOException {
        ByteBuffer m = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        long markerLba = m.getLong(0);
        long size = Integer.toUnsignedLong(m.getInt(8));
        if (markerLba != lba) {
            throw new BadGrain("the grain marker at " + Problems.hex(at) + " says guest sector " + markerLba
                    + ", but the grain table maps it to sector " + lba);
        }
        if (size < 2 || size > maxCompressed(grainBytes) || !src.contains(at + GRAIN_MARKER, size)) {
            throw new BadGrain("the grain marker at " + Problems.hex(at) + " gives a compressed size of " + size
                    + " bytes, which is below 2, larger than a grain can compress to, or past the end of the file");
        }
        int cmf = m.get(GRAIN_MARKER) & 0xff;
        int flg = m.get(GRAIN_MARKER + 1) & 0xff;
        // RFC 1950: method 8 (deflate), window at most 32 KiB, header check multiple of 31, no preset dictionary
        if ((cmf & 0x0f) != 8 || (cmf >>> 4) > 7 || ((cmf << 8) | flg) % 31 != 0 || (flg & 0x20) != 0) {
            throw new BadGrain("the compressed data of the grain at " + Problems.hex(at) + " does not start with a"
                    + " zlib header (bytes " + String.format("%02x %02x", cmf, flg) + ", expected e.g. 78 9c)");
        }
        return (int) size;
    }

    /**
     * Inflates grains with one reused {@link Inflater} and one reused direct input buffer, so a walk over many
     * thousand grains allocates nothing per grain. Not thread-safe; one per walk or per reader.
     */
    static final class Inflating {
        private final Inflater inf = new Inflater();
        private final ByteBuffer in;
        private final byte[] one = new byte[1];
        private final long grainBytes;

        Inflating(long grainBytes) {
            this.grainBytes = grainBytes;
            this.in = ByteBuffer.allocateDirect((int) maxCompressed(grainBytes));
        }

        /**
         * Inflates the grain whose marker is at byte {@code at}, expected to hold guest sector {@code lba}, into
         * {@code out} (grain-sized). Returns the bytes inflated; a damaged marker or stream throws {@link BadGrain}.
         */
        int inflate(ImageSource src, long at, long lba, byte[] out) throws IOException {
            int size = marker(src, at, lba, grainBytes);
            in.clear().limit(size);
            src.readFully(at + GRAIN_MARKER, in);
            in.flip();
            inf.reset();
            try {
                inf.setInput(in);
                int n = 0;
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
            }
        }

        /** Frees the inflater's native memory now rather than when it is collected. */
        void end() {
            inf.end();
        }
    }
}
