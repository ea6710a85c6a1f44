// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.vdiskdoctor.testing.GuestReads;
import org.vdiskdoctor.testing.GuestReads.Opened;

/**
 * What QEMU reads as the guest disk ({@code qemu-img convert -f vdi -O raw}) and our driver's reads of it; reading
 * and comparing come from {@link GuestReads}.
 */
final class GuestFixture {

    private GuestFixture() {
    }

    static byte[] qemuGuest(Path image) throws Exception {
        return GuestReads.qemuGuest(image, "vdi");
    }

    static Opened open(Path image) throws IOException {
        return GuestReads.open(new VdiDriver(), image);
    }

    /** Opens {@code image}, reads its whole guest disk and compares it with what QEMU reads; no findings allowed. */
    static void assertReadsLikeQemu(Path image, String what) throws Exception {
        byte[] expected = qemuGuest(image);
        try (Opened o = open(image)) {
            assertEquals(List.of(), o.findings(), what);
            GuestReads.assertReadsLike(expected, o.guest(), what);
        }
    }
}
