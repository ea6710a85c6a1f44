// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.testing.DriverRun;

/** Healthy images of every subformat qemu-img writes: certain score, no findings, the right size. */
class VmdkDriverTest {

    @TempDir
    Path dir;

    @Test
    void everyQemuSubformatIsCleanAndCertain() throws Exception {
        for (String sub : List.of("monolithicSparse", "monolithicFlat", "twoGbMaxExtentSparse",
                "twoGbMaxExtentFlat", "streamOptimized")) {
            Path f = VmdkFixture.create(dir, sub + ".vmdk", sub, "3M", "write -q -P 0xab 0 64k");
            DriverRun r = VmdkFixture.run(f);
            assertEquals(FormatDriver.SCORE_CERTAIN, r.score(), sub);
            assertEquals(List.of(), r.findings(), () -> sub + ": " + r);
            assertEquals(3 << 20, r.virtualSize(), sub);
            assertTrue(r.guestReader(), sub);
            assertEquals(8, r.linkIds().get("CID").length(), sub);
        }
    }
}
