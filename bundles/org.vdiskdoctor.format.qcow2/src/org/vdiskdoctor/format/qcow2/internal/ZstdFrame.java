// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import java.io.IOException;

import com.github.luben.zstd.Zstd;

/**
 * One zstd frame, as QEMU writes a zstd-compressed cluster. The JDK has no zstd: this class is the only user of
 * zstd-jni (a native library that the bundle {@code com.github.luben.zstd-jni} ships for each platform), so a
 * platform without it fails here, with an {@link IOException}, and nowhere else.
 */
final class ZstdFrame {

    private ZstdFrame() {
    }

    /**
     * Decompresses the frame at the start of {@code in[0, len)} (sector padding may follow it) into {@code out};
     * returns the bytes written. {@code what} names the cluster in messages.
     */
    static int decompress(byte[] in, int len, byte[] out, String what) throws IOException {
        try {
            long frame = Zstd.findFrameCompressedSize(in, 0, len);
            if (Zstd.isError(frame)) {
                throw new IOException(what + " is not a zstd frame: " + Zstd.getErrorName(frame));
            }
            long n = Zstd.decompressByteArray(out, 0, out.length, in, 0, (int) frame);
            if (Zstd.isError(n)) {
                throw new IOException(what + " is not a valid zstd frame: " + Zstd.getErrorName(n));
            }
            return (int) n;
        } catch (RuntimeException e) {
            // ZstdException: the frame is damaged
            throw new IOException(what + " is not a valid zstd frame: " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new IOException(what + " cannot be read: the zstd library is not available on this platform ("
                    + e + ")", e);
        }
    }
}
