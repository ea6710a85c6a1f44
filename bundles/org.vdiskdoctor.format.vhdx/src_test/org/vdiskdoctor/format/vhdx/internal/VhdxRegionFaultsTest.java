// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.vhdx.internal.VhdxFixture.RT1;
import static org.vdiskdoctor.format.vhdx.internal.VhdxFixture.RT2;
import static org.vdiskdoctor.format.vhdx.internal.VhdxFixture.create;
import static org.vdiskdoctor.format.vhdx.internal.VhdxFixture.run;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.format.vhdx.VhdxCodes;
import org.vdiskdoctor.testing.DriverRun;

/**
 * Faults in the two region tables. qemu-img writes two entries: entry 0 (table offset 16) the BAT at 2 MiB, entry 1
 * (offset 48) the metadata region at 3 MiB; each entry is GUID (16), FileOffset (8), Length (4), Required (4).
 */
class VhdxRegionFaultsTest {

    @TempDir
    Path dir;

    @Test
    void corruptTableIsAnErrorWhenQemuReadsItAndAWarningOtherwise() throws Exception {
        Path f = create(dir, "rt1.vhdx", "8M");
        VhdxFixture.put(f, RT1 + 100, new byte[] { 1 }); // fault: one byte of table 1 changed, CRC left stale
        DriverRun r = run(f);
        assertTrue(r.get(VhdxCodes.REGION_TABLE_INVALID).message().contains("region table 1 (at 0x30000) is"
                + " invalid: its CRC-32C"), r::toString);
        assertEquals(1, r.findings().size(), r::toString);
        assertEquals(Severity.ERROR, r.get(VhdxCodes.REGION_TABLE_INVALID).severity(), "QEMU refuses a bad table 1");
        assertTrue(r.guestReader());
        assertTrue(VhdxFixture.qemuCheck(f)[1].toString().contains("Could not open"));

        Path g = create(dir, "rt2.vhdx", "8M");
        VhdxFixture.put(g, RT2 + 100, new byte[] { 1 }); // fault: one byte of table 2 changed, CRC left stale
        DriverRun r2 = run(g);
        assertEquals(Severity.WARNING, r2.get(VhdxCodes.REGION_TABLE_INVALID).severity(), r2::toString);
        assertTrue(VhdxFixture.qemuCheck(g)[1].toString().contains("No errors were found"));
    }

    @Test
    void bothTablesBadMeansNoBatAndNoMetadata() throws Exception {
        Path f = create(dir, "rt.vhdx", "8M");
        VhdxFixture.put(f, RT1, "xxxx".getBytes()); // fault: signature "regi" overwritten in both tables
        VhdxFixture.put(f, RT2, "xxxx".getBytes());
        DriverRun r = run(f);
        assertTrue(r.has(VhdxCodes.REGION_BOTH_INVALID), r::toString);
        assertFalse(r.guestReader());
        assertEquals(-1, r.virtualSize());
    }

    @Test
    void tablesThatDisagreeAreReported() throws Exception {
        Path f = create(dir, "differ.vhdx", "8M");
        VhdxFixture.putLe32(f, RT2 + 16 + 28, 1); // fault: table 2 marks the BAT Required (qemu-img does not) …
        VhdxFixture.fixCrc(f, RT2, 65536); // … with a valid CRC
        DriverRun r = run(f);
        assertTrue(r.has(VhdxCodes.REGION_TABLES_DIFFER), r::toString);
    }

    @Test
    void unknownRequiredRegionIsRefused() throws Exception {
        Path f = create(dir, "unknown.vhdx", "8M");
        // fault: a third entry with a made-up GUID at 5 MiB (+1 MiB), Required, in both tables
        byte[] g = Guid.parse("01234567-89AB-CDEF-0123-456789ABCDEF").bytes();
        for (long t : new long[] { RT1, RT2 }) {
            VhdxFixture.putLe32(f, t + 8, 3);
            VhdxFixture.put(f, t + 80, g);
            VhdxFixture.putLe64(f, t + 96, 4L << 20);
            VhdxFixture.putLe32(f, t + 104, 1 << 20);
            VhdxFixture.putLe32(f, t + 108, 1);
        }
        VhdxFixture.fixRegionTables(f);
        DriverRun r = run(f);
        assertTrue(r.get(VhdxCodes.REGION_UNKNOWN_REQUIRED).message().contains("{01234567-89AB-CDEF-0123-"
                + "456789ABCDEF}"), r::toString);
    }

    @Test
    void unalignedMetadataRegionIsABadRange() throws Exception {
        Path f = create(dir, "unaligned.vhdx", "8M");
        VhdxFixture.putRegionLe64(f, 48 + 16, (3L << 20) + 4096); // fault: metadata at 3 MiB + 4 KiB
        DriverRun r = run(f);
        assertTrue(r.get(VhdxCodes.REGION_BAD_RANGE).message().contains("1 MiB boundary"), r::toString);
    }

    @Test
    void tableWithoutBatIsMissingARegion() throws Exception {
        Path f = create(dir, "nobat.vhdx", "8M");
        VhdxFixture.putRegionLe32(f, 8, 1); // fault: entry count 1 keeps only the BAT entry …
        DriverRun r = run(f);
        assertTrue(r.get(VhdxCodes.REGION_MISSING).message().contains("metadata region"), r::toString);
        assertFalse(r.guestReader());
    }
}
