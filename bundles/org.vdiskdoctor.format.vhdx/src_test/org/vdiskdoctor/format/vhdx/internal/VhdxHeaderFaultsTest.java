// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.vhdx.internal.VhdxFixture.H1;
import static org.vdiskdoctor.format.vhdx.internal.VhdxFixture.H2;
import static org.vdiskdoctor.format.vhdx.internal.VhdxFixture.create;
import static org.vdiskdoctor.format.vhdx.internal.VhdxFixture.run;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.format.vhdx.VhdxCodes;
import org.vdiskdoctor.testing.DriverRun;

/** Faults in the file type identifier and the two headers, made by byte surgery on qemu-img images. */
class VhdxHeaderFaultsTest {

    @TempDir
    Path dir;

    /** The offset of the header with the higher sequence number (qemu-img leaves header 2 current). */
    private static long current(Path f) throws Exception {
        return Long.compareUnsigned(VhdxFixture.getLe64(f, H1 + 8), VhdxFixture.getLe64(f, H2 + 8)) > 0 ? H1 : H2;
    }

    @Test
    void zeroedHeader1IsAFindingWhereQemuImgSeesNoErrors() throws Exception {
        Path f = create(dir, "h1.vhdx", "8M");
        VhdxFixture.put(f, H1, new byte[4096]); // fault: header 1 zeroed (signature and CRC gone)
        Object[] q = VhdxFixture.qemuCheck(f);
        assertTrue(q[1].toString().contains("No errors were found"), q[1]::toString);
        DriverRun r = run(f);
        assertEquals(1, r.findings().size(), r::toString);
        assertTrue(r.get(VhdxCodes.HEADER_INVALID).message().contains("header 1 (at 0x10000) is invalid: its"
                + " signature is zero"), r::toString);
        assertTrue(r.guestReader());
        assertTrue(r.structure().find("current header").value().startsWith("header 2: header 2 is the only valid"),
                r.structure().toString());
    }

    @Test
    void badCrcInBothHeadersMakesTheImageUnreadable() throws Exception {
        Path f = create(dir, "both.vhdx", "8M");
        VhdxFixture.putLe64(f, H1 + 8, 99); // fault: sequence changed without fixing the CRC
        VhdxFixture.putLe64(f, H2 + 8, 99); // same in header 2
        DriverRun r = run(f);
        assertTrue(r.get(VhdxCodes.HEADER_BOTH_INVALID).message().contains("CRC-32C"), r::toString);
        assertEquals(FormatDriver.SCORE_CERTAIN, r.score());
    }

    @Test
    void equalSequenceWithDifferentContentIsAmbiguous() throws Exception {
        Path f = create(dir, "same.vhdx", "8M");
        long seq = VhdxFixture.getLe64(f, H2 + 8);
        VhdxFixture.putLe64(f, H1 + 8, seq); // fault: header 1 gets header 2's sequence number …
        VhdxFixture.put(f, H1 + 16, new byte[] { 0x42 }); // … and another FileWriteGuid (qemu-img wrote the same)
        VhdxFixture.fixHeader(f, H1); // … with a valid CRC
        DriverRun r = run(f);
        assertTrue(r.has(VhdxCodes.HEADER_SAME_SEQUENCE), r::toString);
    }

    @Test
    void logOutsideTheFileIsALogRangeFinding() throws Exception {
        Path f = create(dir, "log.vhdx", "8M");
        long cur = current(f);
        VhdxFixture.putLe64(f, cur + 72, 64L << 20); // fault: LogOffset 64 MiB, past the end of the file
        VhdxFixture.fixHeader(f, cur);
        DriverRun r = run(f);
        assertTrue(r.get(VhdxCodes.HEADER_LOG_RANGE).message().contains("past the end of the file"), r::toString);
    }

    @Test
    void overwrittenIdentifierKeepsTheImageVhdxByName() throws Exception {
        Path f = create(dir, "id.vhdx", "8M");
        VhdxFixture.put(f, 0, "garbage!".getBytes()); // fault: "vhdxfile" overwritten
        DriverRun r = run(f);
        assertEquals(FormatDriver.SCORE_NAME_ONLY, r.score());
        assertTrue(r.has(VhdxCodes.IDENTIFIER_BAD_SIGNATURE), r::toString);
        assertEquals(1, r.findings().size(), r::toString); // the headers behind it are fine
    }

    @Test
    void fileCutInsideTheRegionTablesIsTruncated() throws Exception {
        Path f = create(dir, "cut.vhdx", "8M");
        VhdxFixture.truncate(f, 200 * 1024); // fault: the file ends inside region table 1
        DriverRun r = run(f);
        assertTrue(r.has(VhdxCodes.FILE_TRUNCATED), r::toString);
        assertTrue(r.has(VhdxCodes.REGION_BOTH_INVALID), r::toString);
        assertFalse(r.guestReader());
        assertEquals(FormatDriver.SCORE_LIKELY, r.score());
    }
}
