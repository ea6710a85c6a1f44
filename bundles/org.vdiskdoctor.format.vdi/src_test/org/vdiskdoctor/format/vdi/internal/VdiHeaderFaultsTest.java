// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.vdi.internal.VdiFixture.dynamic;
import static org.vdiskdoctor.format.vdi.internal.VdiFixture.putBytes;
import static org.vdiskdoctor.format.vdi.internal.VdiFixture.putInt;
import static org.vdiskdoctor.format.vdi.internal.VdiFixture.putLong;
import static org.vdiskdoctor.format.vdi.internal.VdiFixture.run;
import static org.vdiskdoctor.format.vdi.internal.VdiHeader.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.format.vdi.VdiCodes;
import org.vdiskdoctor.testing.DriverRun;

/**
 * Header faults made by byte surgery on a qemu-img image: 5 MiB, 1 MiB blocks, map at 0x200 (5 entries), data at
 * 0x400, data blocks 0 and 1 used by guest blocks 0 and 3. One test per header finding code.
 */
class VdiHeaderFaultsTest {

    @TempDir
    Path dir;

    Path f;

    @BeforeEach
    void image() throws Exception {
        f = dynamic(dir, "a.vdi");
    }

    @Test
    void healthyDynamicAndFixedImagesHaveNoFindings() throws Exception {
        DriverRun r = run(f);
        assertEquals(List.of(), r.findings(), r::toString);
        assertEquals(FormatDriver.SCORE_CERTAIN, r.score());
        assertTrue(r.guestReader());
        assertEquals(5 << 20, r.virtualSize());
        Path fixed = VdiFixture.create(dir, "fixed.vdi", "3M", "-o", "static=on");
        DriverRun rf = run(fixed);
        assertEquals(List.of(), rf.findings(), rf::toString);
    }

    @Test
    void badSignature() throws Exception {
        putInt(f, OFF_SIGNATURE, 0); // fault: signature zeroed, the pre-header text stays
        DriverRun r = run(f);
        assertEquals(List.of(VdiCodes.HEADER_BAD_SIGNATURE), r.codes(), r::toString);
        assertEquals(FormatDriver.SCORE_LIKELY, r.score(), "the text still says VDI");
        assertFalse(r.guestReader());
    }

    @Test
    void legacyVersionZeroIsReportedAsUnsupported() throws Exception {
        putInt(f, OFF_VERSION, 0); // fault: version 0.0 (the pre-1.0 layout)
        DriverRun r = run(f);
        assertEquals(List.of(VdiCodes.HEADER_UNSUPPORTED_VERSION), r.codes(), r::toString);
        String m = r.get(VdiCodes.HEADER_UNSUPPORTED_VERSION).message();
        assertTrue(m.contains("0.0") && m.contains("legacy"), m);
        assertEquals(-1, r.virtualSize());
    }

    @Test
    void unknownTextIsOnlyInformation() throws Exception {
        putBytes(f, OFF_TEXT, "<<< Foo Disk >>>\n\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII)); // fault
        DriverRun r = run(f);
        assertEquals(List.of(VdiCodes.HEADER_UNKNOWN_TEXT), r.codes(), r::toString);
        assertEquals(Severity.INFO, r.get(VdiCodes.HEADER_UNKNOWN_TEXT).severity());
        assertTrue(r.guestReader());
    }

    @Test
    void headerSizeTooSmall() throws Exception {
        putInt(f, OFF_HEADER_SIZE, 0x100); // fault: header size 256 < 384
        DriverRun r = run(f);
        assertEquals(List.of(VdiCodes.HEADER_SIZE_INVALID), r.codes(), r::toString);
        assertFalse(r.guestReader());
    }

    @Test
    void unknownType() throws Exception {
        putInt(f, OFF_TYPE, 7); // fault: image type 7
        DriverRun r = run(f);
        assertEquals(List.of(VdiCodes.HEADER_UNKNOWN_TYPE), r.codes(), r::toString);
        assertFalse(r.guestReader());
    }

    @Test
    void sectorSizeNot512() throws Exception {
        putInt(f, OFF_SECTOR_SIZE, 4096); // fault: sector size 4096
        DriverRun r = run(f);
        assertEquals(List.of(VdiCodes.HEADER_SECTOR_SIZE_INVALID), r.codes(), r::toString);
    }

    @Test
    void blockSizeNotPowerOfTwo() throws Exception {
        putInt(f, OFF_BLOCK_SIZE, 1_000_000); // fault: block size 1000000
        DriverRun r = run(f);
        assertEquals(List.of(VdiCodes.HEADER_BLOCK_SIZE_INVALID), r.codes(), r::toString);
        assertFalse(r.guestReader());
    }

    @Test
    void dataOffsetUnaligned() throws Exception {
        putInt(f, OFF_DATA, 0x3ff); // fault: data offset 0x3ff, still after the map and inside the file
        DriverRun r = run(f);
        assertEquals(List.of(VdiCodes.HEADER_OFFSET_UNALIGNED), r.codes(), r::toString);
    }

    @Test
    void blockMapInsideTheHeader() throws Exception {
        putInt(f, OFF_BLOCKS, 0); // fault: block map at 0 (aligned), on top of the header (ends 0x1c8)
        DriverRun r = run(f);
        assertEquals(List.of(VdiCodes.HEADER_REGIONS_OVERLAP), r.codes(), r::toString);
        assertFalse(r.guestReader());
    }

    @Test
    void tooFewBlocksForTheDiskSize() throws Exception {
        putInt(f, OFF_BLOCKS_TOTAL, 4); // fault: 4 blocks for a 5 MiB disk
        DriverRun r = run(f);
        assertEquals(List.of(VdiCodes.HEADER_BLOCK_COUNT_MISMATCH), r.codes(), r::toString);
        assertEquals(Severity.ERROR, r.get(VdiCodes.HEADER_BLOCK_COUNT_MISMATCH).severity());
        assertFalse(r.guestReader());
    }

    @Test
    void blockCountBeyondAnyMap() throws Exception {
        putInt(f, OFF_BLOCKS_TOTAL, 0x40000000); // fault: 2^30 blocks (a 4 GiB map) in a 2 MiB file
        DriverRun r = run(f);
        assertTrue(r.has(VdiCodes.HEADER_TOO_MANY_BLOCKS), r::toString);
        assertFalse(r.guestReader());
    }

    @Test
    void diskSizeNotWholeSectors() throws Exception {
        putLong(f, OFF_DISK_SIZE, (5 << 20) - 100); // fault: disk size 100 bytes short of 5 MiB
        DriverRun r = run(f);
        assertEquals(List.of(VdiCodes.HEADER_DISK_SIZE_UNALIGNED), r.codes(), r::toString);
        assertEquals(Severity.WARNING, r.get(VdiCodes.HEADER_DISK_SIZE_UNALIGNED).severity());
    }

    @Test
    void moreAllocatedThanTotal() throws Exception {
        putInt(f, OFF_BLOCKS_ALLOCATED, 9); // fault: 9 allocated of 5 blocks
        DriverRun r = run(f);
        assertTrue(r.has(VdiCodes.HEADER_ALLOCATED_EXCEEDS_TOTAL), r::toString);
        assertTrue(r.has(VdiCodes.BMAP_ALLOCATED_MISMATCH), r::toString);
    }

    @Test
    void blockExtraWarningAndHugeBlockExtraError() throws Exception {
        putInt(f, OFF_BLOCK_EXTRA, 512); // fault: 512 extra bytes per block; block 3's data moves past the end
        DriverRun r = run(f);
        assertEquals(Severity.WARNING, r.get(VdiCodes.HEADER_BLOCK_EXTRA).severity(), r::toString);
        assertTrue(r.has(VdiCodes.BMAP_DATA_PAST_EOF), r::toString);
        putInt(f, OFF_BLOCK_EXTRA, 0x20000000); // fault: 512 MiB extra per block
        DriverRun huge = run(f);
        assertEquals(Severity.ERROR, huge.get(VdiCodes.HEADER_BLOCK_EXTRA).severity(), huge::toString);
        assertFalse(huge.guestReader());
    }

    @Test
    void linkageAndTypeDisagree() throws Exception {
        putBytes(f, OFF_UUID_LINKAGE, new byte[] { 1, 2, 3, 4 }); // fault: a normal image with a parent UUID
        DriverRun r = run(f);
        assertEquals(List.of(VdiCodes.HEADER_LINKAGE_INCONSISTENT), r.codes(), r::toString);
        assertEquals(Severity.WARNING, r.get(VdiCodes.HEADER_LINKAGE_INCONSISTENT).severity());
        putBytes(f, OFF_UUID_LINKAGE, new byte[16]);
        putInt(f, OFF_TYPE, TYPE_DIFF); // fault: a differencing image without parent UUID
        DriverRun d = run(f);
        assertEquals(List.of(VdiCodes.HEADER_LINKAGE_INCONSISTENT), d.codes(), d::toString);
        assertEquals(Severity.ERROR, d.get(VdiCodes.HEADER_LINKAGE_INCONSISTENT).severity());
        assertTrue(d.backing().isEmpty());
    }

    @Test
    void fileEndsInsideTheHeader() throws Exception {
        VdiFixture.truncate(f, 0x100); // fault: cut inside the header
        DriverRun r = run(f);
        assertEquals(List.of(VdiCodes.FILE_TRUNCATED), r.codes(), r::toString);
        assertEquals(FormatDriver.SCORE_LIKELY, r.score());
    }
}
