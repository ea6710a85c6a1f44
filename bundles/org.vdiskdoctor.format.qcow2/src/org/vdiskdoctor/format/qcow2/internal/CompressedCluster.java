// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.vdiskdoctor.core.io.ImageSource;

/**
 * A compressed cluster (L2 bit 62): raw deflate (compression_type 0, no zlib header, as QEMU writes it) or one
 * zstd frame (compression_type 1). The input is bounded by the entry's length field and by the end of the file, the
 * output by one cluster, and it must fill the cluster exactly, as QEMU requires. One output and one input buffer are
 * reused, and the last cluster decompressed is kept, so that small sequential reads decompress it once.
 */
final class CompressedCluster implements AutoCloseable {

    private final ImageSource src;
    private final int clusterBits;
    private final int clusterSize;
    private final int compressionType;
    private final byte[] out;
    private byte[] in = new byte[0];
    private Inflater inflater;
    private long cachedEntry;
    private boolean cached;

    CompressedCluster(ImageSource src, int clusterBits, int compressionType) {
        this.src = src;
        this.clusterBits = clusterBits;
        this.clusterSize = 1 << clusterBits;
        this.compressionType = compressionType;
        this.out = new byte[clusterSize];
    }

    /**
     * The cluster's guest bytes for the compressed L2 entry {@code entry} (of guest cluster at {@code guestPos}, for
     * messages). The returned array is reused by the next call.
     */
    byte[] decompress(long entry, long guestPos) throws IOException {
        if (cached && entry == cachedEntry) return out;
        cached = false;
        long offset = ClusterEntries.compressedOffset(entry, clusterBits);
        long length = ClusterEntries.compressedLength(entry, clusterBits);
        if (offset < clusterSize || offset >= src.size()) {
            throw new IOException(src.path() + ": the compressed cluster of guest offset " + hex(guestPos)
                    + " is said to start at " + hex(offset) + ", outside the file of " + src.size() + " bytes");
        }
        // the length field counts whole sectors, so it may run past the end of a file that ends with the data
        int len = (int) Math.min(length, src.size() - offset);
        if (in.length < len) in = new byte[len];
        src.readFully(offset, ByteBuffer.wrap(in, 0, len));
        int got = switch (compressionType) {
            case 0 -> inflate(len, offset, guestPos);
            case 1 -> ZstdFrame.decompress(in, len, out, src.path() + ": the zstd-compressed cluster at "
                    + hex(offset) + " (guest offset " + hex(guestPos) + ")");
            default -> throw new IOException(src.path() + ": compression_type " + compressionType
                    + " is unknown; the compressed cluster at " + hex(offset) + " cannot be read");
        };
        if (got != clusterSize) {
            throw new IOException(src.path() + ": the compressed cluster at " + hex(offset) + " (guest offset "
                    + hex(guestPos) + ") decompresses to " + got + " bytes, not one cluster of " + clusterSize
                    + ": the compressed data is damaged or cut short");
        }
        cachedEntry = entry;
        cached = true;
        return out;
    }

    private int inflate(int len, long offset, long guestPos) throws IOException {
        if (inflater == null) inflater = new Inflater(true);
        inflater.reset();
        inflater.setInput(in, 0, len);
        int got = 0;
        try {
            while (got < clusterSize) {
                int n = inflater.inflate(out, got, clusterSize - got);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) break;
                got += n;
            }
        } catch (DataFormatException e) {
            throw new IOException(src.path() + ": the compressed cluster at " + hex(offset) + " (guest offset "
                    + hex(guestPos) + ") is not a valid deflate stream: " + e.getMessage(), e);
        }
        return got;
    }

    @Override
    public void close() {
        if (inflater != null) inflater.end();
    }
}
