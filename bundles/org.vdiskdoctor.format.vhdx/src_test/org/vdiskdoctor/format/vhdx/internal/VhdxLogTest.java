// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.vhdx.internal.VhdxFixture.H1;
import static org.vdiskdoctor.format.vhdx.internal.VhdxFixture.H2;
import static org.vdiskdoctor.format.vhdx.internal.VhdxFixture.LOG;
import static org.vdiskdoctor.format.vhdx.internal.VhdxFixture.run;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.format.vhdx.VhdxCodes;
import org.vdiskdoctor.testing.DriverRun;

/**
 * The log, from qemu's own: qemu-io's write updates the BAT through the log (one entry at 1 MiB: a 4 KiB header with
 * one "desc" descriptor and one "data" sector) and then clears the header's LogGuid. Copying the entry's LogGuid
 * (entry offset 32) back into the current header makes the image look as if qemu died before clearing it — exactly
 * an image that was not closed cleanly.
 */
class VhdxLogTest {

    @TempDir
    Path dir;

    private Path f;

    @BeforeEach
    void dirtyImage() throws Exception {
        f = VhdxFixture.create(dir, "dirty.vhdx", "8M");
        VhdxFixture.qemuIo(f, "write -P 0xab 0 64k");
        long cur = Long.compareUnsigned(VhdxFixture.getLe64(f, H1 + 8), VhdxFixture.getLe64(f, H2 + 8)) > 0 ? H1 : H2;
        byte[] guid = new byte[16];
        VhdxFixture.get(f, LOG + 32, 16).get(0, guid);
        VhdxFixture.put(f, cur + 48, guid); // fault: LogGuid of the entry in the log set in the current header
        VhdxFixture.fixHeader(f, cur);
    }

    @Test
    void logGuidWithAValidEntryMustBeReplayedAsQemuSays() throws Exception {
        DriverRun r = run(f);
        assertEquals(1, r.findings().size(), r::toString);
        assertTrue(r.get(VhdxCodes.LOG_REPLAY_NEEDED).message().contains("holds 1 valid entry to replay (sequence"),
                r::toString);
        assertTrue(r.structure().find("log").value().contains("1 valid entries to replay"));
        Object[] q = VhdxFixture.qemuCheck(f);
        assertTrue(q[1].toString().contains("contains a log that needs to be replayed"), q[1]::toString);
    }

    @Test
    void corruptEntryLeavesNothingToReplay() throws Exception {
        VhdxFixture.put(f, LOG + 4096 + 100, new byte[] { 0x55 }); // fault: a byte of the data sector, CRC stale
        DriverRun r = run(f);
        assertTrue(r.get(VhdxCodes.LOG_ENTRY_INVALID).message().contains("CRC-32C"), r::toString);
        assertTrue(r.has(VhdxCodes.LOG_NO_VALID_ENTRY), r::toString);
        assertFalse(r.has(VhdxCodes.LOG_REPLAY_NEEDED), r::toString);
    }
}
