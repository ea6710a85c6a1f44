// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.vhd.internal.VhdFixture.create;
import static org.vdiskdoctor.format.vhd.internal.VhdFixture.fixDynamic;
import static org.vdiskdoctor.format.vhd.internal.VhdFixture.getInt;
import static org.vdiskdoctor.format.vhd.internal.VhdFixture.putInt;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.format.vhd.VhdCodes;
import org.vdiskdoctor.testing.DriverRun;

/**
 * Faults in the dynamic header (at 512 in qemu-img images) and the block allocation table (at 0x600; entry i at
 * 0x600 + 4i), made by byte surgery; the dynamic header checksum is fixed unless the test says.
 */
class VhdTableFaultsTest {

    private static final long DYN = 512;
    private static final long BAT = 0x600;

    @TempDir
    Path dir;

    /** A 5 MiB dynamic disk with blocks 0 and 1 allocated. */
    private Path image(String name) throws Exception {
        Path f = create(dir, name, "5M");
        VhdFixture.io(f, "write -P 0xab 0 64k", "write -P 0x11 3000k 5k");
        return f;
    }

    private static void only(DriverRun r, Object code) {
        assertEquals(List.of(code), r.codes(), r::toString);
    }

    private static void putDyn(Path f, int field, int value) throws Exception {
        putInt(f, DYN + field, value);
        fixDynamic(f, DYN);
    }

    @Test
    void badCookie() throws Exception {
        Path f = image("cookie.vhd");
        VhdFixture.putByte(f, DYN, 'x'); // fault: "xxsparse"
        DriverRun r = VhdFixture.run(f);
        only(r, VhdCodes.DYNHEADER_BAD_COOKIE);
        assertFalse(r.guestReader());
    }

    @Test
    void badChecksumStillReads() throws Exception {
        Path f = image("sum.vhd");
        VhdFixture.putByte(f, DYN + 800, 1); // fault: a reserved byte, checksum not fixed
        DriverRun r = VhdFixture.run(f);
        only(r, VhdCodes.DYNHEADER_BAD_CHECKSUM);
        assertTrue(r.guestReader());
    }

    @Test
    void badVersion() throws Exception {
        Path f = image("ver.vhd");
        putDyn(f, DynamicHeader.OFF_VERSION, 0x00020000); // fault: version 2.0
        only(VhdFixture.run(f), VhdCodes.DYNHEADER_BAD_VERSION);
    }

    @Test
    void badBlockSize() throws Exception {
        Path f = image("bs.vhd");
        putDyn(f, DynamicHeader.OFF_BLOCK_SIZE, 3_000_000); // fault: not a power of two
        DriverRun r = VhdFixture.run(f);
        only(r, VhdCodes.DYNHEADER_BAD_BLOCK_SIZE);
        assertFalse(r.guestReader());
    }

    @Test
    void tableTooSmall() throws Exception {
        Path f = image("small.vhd");
        putDyn(f, DynamicHeader.OFF_MAX_ENTRIES, 1); // fault: 1 entry of 2 MiB for a 5 MiB disk
        only(VhdFixture.run(f), VhdCodes.DYNHEADER_TABLE_TOO_SMALL);
    }

    @Test
    void tableOutsideTheFile() throws Exception {
        Path f = image("bat.vhd");
        VhdFixture.putLong(f, DYN + DynamicHeader.OFF_TABLE_OFFSET, 1L << 40); // fault: BAT at 1 TiB
        fixDynamic(f, DYN);
        DriverRun r = VhdFixture.run(f);
        only(r, VhdCodes.BAT_OUT_OF_BOUNDS);
        assertFalse(r.guestReader());
    }

    @Test
    void blockBeyondTheEnd() throws Exception {
        Path f = image("eof.vhd");
        putInt(f, BAT + 4, 0x7fff_ff00); // fault: entry 1 points 1 TiB into a file of a few MiB
        DriverRun r = VhdFixture.run(f);
        only(r, VhdCodes.BAT_BLOCK_BEYOND_EOF);
        assertEquals(new Evidence(f, BAT + 4, 4), r.findings().get(0).evidence().get(0));
    }

    @Test
    void everyBadEntryIsCountedButOnlyTwentyListed() throws Exception {
        Path f = create(dir, "many.vhd", "200M"); // 100 entries
        for (int i = 0; i < 45; i++) putInt(f, BAT + 4 * i, 0x7fff_0000 + i); // fault: 45 entries past the end
        DriverRun r = VhdFixture.run(f);
        assertEquals(Problems.CAP + 1, r.count(VhdCodes.BAT_BLOCK_BEYOND_EOF), r::toString);
        assertTrue(r.findings().get(Problems.CAP).message().contains("45 BAT entries"), r::toString);
    }

    @Test
    void duplicateEntry() throws Exception {
        Path f = image("dup.vhd");
        putInt(f, BAT + 8, getInt(f, BAT)); // fault: entry 2 names entry 0's sector
        DriverRun r = VhdFixture.run(f);
        only(r, VhdCodes.BAT_DUPLICATE_ENTRY);
        assertTrue(r.findings().get(0).message().contains("entry 0"), r::toString);
    }

    @Test
    void overlappingBlocksAndMetadata() throws Exception {
        Path f = image("overlap.vhd");
        // fault: entry 2 starts one sector into block 0; a block is 4097 sectors (bitmap + 2 MiB), so it also
        // reaches the first sector of block 1, which follows block 0
        putInt(f, BAT + 8, getInt(f, BAT) + 1);
        DriverRun r = VhdFixture.run(f);
        assertEquals(List.of(VhdCodes.BAT_BLOCK_OVERLAP, VhdCodes.BAT_BLOCK_OVERLAP), r.codes(), r::toString);
        putInt(f, BAT + 8, 2); // fault: entry 2 at sector 2, inside the dynamic header (sectors 1 and 2)
        DriverRun m = VhdFixture.run(f);
        assertTrue(m.codes().stream().allMatch(VhdCodes.BAT_BLOCK_OVERLAP::equals), m::toString);
        assertTrue(m.findings().get(0).message().contains("overlaps the dynamic header"), m::toString);
    }
}
