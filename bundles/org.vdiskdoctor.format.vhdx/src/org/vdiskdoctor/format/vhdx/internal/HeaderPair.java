// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.io.IOException;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.format.vhdx.VhdxCodes;

/**
 * Both headers and the choice between them, as the specification makes it: of the valid headers, the one with the
 * higher SequenceNumber is current; two valid headers with the same number must be identical. {@link #why()} says
 * which one is current and why, for {@code describe}.
 */
record HeaderPair(VhdxHeader first, VhdxHeader second, VhdxHeader current, String why) {

    static final long HEADER1 = 64 * 1024;
    static final long HEADER2 = 128 * 1024;

    static HeaderPair read(ImageSource src, Problems p) throws IOException {
        VhdxHeader h1 = VhdxHeader.parse(1, HEADER1, readOrNull(src, HEADER1));
        VhdxHeader h2 = VhdxHeader.parse(2, HEADER2, readOrNull(src, HEADER2));
        if (!h1.valid() && !h2.valid()) {
            p.add(VhdxCodes.HEADER_BOTH_INVALID, HEADER1, 2 * HEADER1, "neither header is valid: header 1 (at "
                    + Problems.hex(HEADER1) + "): " + h1.problem() + "; header 2 (at " + Problems.hex(HEADER2)
                    + "): " + h2.problem());
            return new HeaderPair(h1, h2, null, "neither header is valid");
        }
        if (h1.valid() != h2.valid()) {
            VhdxHeader bad = h1.valid() ? h2 : h1;
            VhdxHeader good = h1.valid() ? h1 : h2;
            p.add(VhdxCodes.HEADER_INVALID, bad.offset(), VhdxHeader.SIZE, "header " + bad.index() + " (at "
                    + Problems.hex(bad.offset()) + ") is invalid: " + bad.problem() + "; header " + good.index()
                    + " (sequence " + Long.toUnsignedString(good.sequence()) + ") is used");
            return new HeaderPair(h1, h2, good, "header " + good.index() + " is the only valid one (header "
                    + bad.index() + ": " + bad.problem() + ")");
        }
        int cmp = Long.compareUnsigned(h1.sequence(), h2.sequence());
        if (cmp == 0) {
            if (h1.sameBytes(h2)) return new HeaderPair(h1, h2, h1, "both headers are identical");
            p.add(VhdxCodes.HEADER_SAME_SEQUENCE, HEADER1, 2 * HEADER1, "both headers are valid with sequence "
                    + Long.toUnsignedString(h1.sequence()) + " but differ; the specification makes neither current"
                    + " (header 1 is used for this report)");
            return new HeaderPair(h1, h2, h1, "both valid with the same sequence number but different: ambiguous");
        }
        VhdxHeader cur = cmp > 0 ? h1 : h2;
        VhdxHeader old = cmp > 0 ? h2 : h1;
        return new HeaderPair(h1, h2, cur, "both valid; header " + cur.index() + " has the higher sequence number ("
                + Long.toUnsignedString(cur.sequence()) + " > " + Long.toUnsignedString(old.sequence()) + ")");
    }

    private static java.nio.ByteBuffer readOrNull(ImageSource src, long at) throws IOException {
        return src.contains(at, VhdxHeader.SIZE) ? src.read(at, VhdxHeader.SIZE) : null;
    }
}
