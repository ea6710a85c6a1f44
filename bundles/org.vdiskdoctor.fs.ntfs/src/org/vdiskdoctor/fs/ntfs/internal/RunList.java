// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * An attribute's mapping pairs: runs of clusters (length, LCN; LCN -1 for a sparse run), decoded with bounds: the
 * header nibbles at most 8 bytes, everything inside the attribute, at most {@value #MAX_RUNS} runs.
 *
 * @param runs {length in clusters, first LCN or -1}
 * @param error why decoding stopped early, or null
 */
record RunList(List<long[]> runs, String error) {

    static final int MAX_RUNS = 256;

    static RunList decode(byte[] b, int from, int end) {
        List<long[]> runs = new ArrayList<>();
        long lcn = 0;
        int p = from;
        while (p < end && runs.size() < MAX_RUNS) {
            int h = b[p] & 0xff;
            if (h == 0) return new RunList(runs, null);
            int lenBytes = h & 0xf;
            int ofsBytes = h >>> 4;
            if (lenBytes == 0 || lenBytes > 8 || ofsBytes > 8 || p + 1 + lenBytes + ofsBytes > end) {
                return new RunList(runs, "bad mapping pair header 0x" + Integer.toHexString(h) + " at " + p);
            }
            long length = 0;
            for (int i = lenBytes - 1; i >= 0; i--) length = length << 8 | (b[p + 1 + i] & 0xff);
            if (length <= 0) return new RunList(runs, "run of " + length + " clusters");
            if (ofsBytes == 0) {
                runs.add(new long[] { length, -1 });
            } else {
                long delta = b[p + lenBytes + ofsBytes]; // sign-extended top byte
                for (int i = ofsBytes - 2; i >= 0; i--) delta = delta << 8 | (b[p + 1 + lenBytes + i] & 0xff);
                lcn += delta;
                if (lcn < 0) return new RunList(runs, "negative LCN " + lcn);
                runs.add(new long[] { length, lcn });
            }
            p += 1 + lenBytes + ofsBytes;
        }
        return new RunList(runs, runs.size() >= MAX_RUNS ? "more than " + MAX_RUNS + " runs" : "no end of runs");
    }

    /**
     * The byte offset (cluster size {@code cs}) of {@code length} bytes at byte {@code vbo} of the attribute, or -1
     * when they are sparse, unmapped or cross two runs.
     */
    long locate(long vbo, long length, long cs) {
        long start = 0;
        for (long[] r : runs) {
            if (r[0] > Long.MAX_VALUE / cs - start / cs - 1) return -1;
            long bytes = r[0] * cs;
            if (vbo >= start && vbo - start < bytes) {
                if (r[1] < 0 || length > bytes - (vbo - start) || r[1] > Long.MAX_VALUE / cs - 1) return -1;
                return r[1] * cs + (vbo - start);
            }
            start += bytes;
            if (start < 0) return -1;
        }
        return -1;
    }
}
