// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.format.vhdx.VhdxCodes;
import org.vdiskdoctor.testing.DriverRun;

/**
 * Our verdict next to {@code qemu-img check}'s text on the same bytes (see docs/formats-beyond-qemu.md). qemu-img
 * check on VHDX only opens the image (headers, region tables, metadata, log) and never walks the BAT.
 */
class VhdxQemuCrossTest {

    @TempDir
    Path dir;

    private static String qemuText(Path f) throws Exception {
        return VhdxFixture.qemuCheck(f)[1].toString();
    }

    @Test
    void bothSayHealthyImagesAreClean() throws Exception {
        Path f = VhdxFixture.create(dir, "ok.vhdx", "8M");
        VhdxFixture.qemuIo(f, "write -P 1 0 1M");
        assertTrue(qemuText(f).contains("No errors were found"));
        assertEquals(List.of(), VhdxFixture.run(f).findings());
    }

    @Test
    void bothRefuseAnImageWithoutRegionTables() throws Exception {
        Path f = VhdxFixture.create(dir, "rt.vhdx", "8M");
        VhdxFixture.put(f, VhdxFixture.RT1, "xxxx".getBytes()); // fault: "regi" overwritten in both tables
        VhdxFixture.put(f, VhdxFixture.RT2, "xxxx".getBytes());
        assertTrue(qemuText(f).contains("Could not open"), () -> "qemu-img: " + f);
        DriverRun r = VhdxFixture.run(f);
        assertEquals(Severity.ERROR, r.get(VhdxCodes.REGION_BOTH_INVALID).severity());
    }

    @Test
    void partiallyPresentBlockInADynamicImageQemuSeesOnlyOnRead() throws Exception {
        Path f = VhdxFixture.create(dir, "pp.vhdx", "8M");
        VhdxFixture.put(f, VhdxFixture.BAT, new byte[] { 7 }); // fault: block 0 PARTIALLY_PRESENT, no parent
        assertTrue(qemuText(f).contains("No errors were found"), () -> "qemu-img check: " + f);
        Object[] convert = VhdxFixture.exec(dir, List.of(VhdxFixture.QEMU_IMG, "convert", "-f", "vhdx", "-O", "raw",
                f.toString(), dir.resolve("pp.raw").toString()));
        assertTrue(convert[1].toString().contains("Input/output error"), convert[1]::toString);
        DriverRun r = VhdxFixture.run(f);
        assertTrue(r.get(VhdxCodes.BAT_BAD_STATE).message().contains("PARTIALLY_PRESENT, which only a differencing"),
                r::toString);
    }
}
