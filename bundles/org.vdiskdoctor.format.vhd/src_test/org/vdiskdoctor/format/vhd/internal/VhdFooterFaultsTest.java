// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.vhd.internal.VhdFixture.create;
import static org.vdiskdoctor.format.vhd.internal.VhdFixture.fixFooter;
import static org.vdiskdoctor.format.vhd.internal.VhdFixture.putFooterInt;
import static org.vdiskdoctor.format.vhd.internal.VhdFixture.putFooterLong;
import static org.vdiskdoctor.format.vhd.internal.VhdFixture.tail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.format.vhd.VhdCodes;
import org.vdiskdoctor.testing.DriverRun;

/** Faults in the footer and its copy, made by byte surgery on qemu-img images (checksums fixed unless the test says). */
class VhdFooterFaultsTest {

    @TempDir
    Path dir;

    private Path dynamic(String name) throws Exception {
        return create(dir, name, "5M");
    }

    private Path forced(String name, String subformat) throws Exception {
        return create(dir, name, "1M", "-o", "subformat=" + subformat + ",force_size=on");
    }

    private static void only(DriverRun r, Object code) {
        assertEquals(List.of(code), r.codes(), r::toString);
    }

    @Test
    void dynamicDiskCutBeforeItsFooterUsesTheCopy() throws Exception {
        Path f = dynamic("cut.vhd");
        VhdFixture.truncate(f, tail(f)); // fault: the last 512 bytes (the footer) cut off
        DriverRun r = VhdFixture.run(f);
        only(r, VhdCodes.FOOTER_MISSING);
        assertTrue(r.get(VhdCodes.FOOTER_MISSING).message().contains("the copy at offset 0 is used"));
        assertTrue(r.guestReader());
    }

    @Test
    void oldShortFooterIsAccepted() throws Exception {
        Path f = forced("old.vhd", "fixed");
        byte[] before = VhdGuestReadTest.ours(f);
        // fault: the footer's last byte (reserved, zero, so the checksum holds) cut off: a 511-byte footer
        VhdFixture.truncate(f, Files.size(f) - 1);
        DriverRun r = VhdFixture.run(f);
        only(r, VhdCodes.FOOTER_SHORT_511);
        assertArrayEquals(before, VhdGuestReadTest.ours(f));
    }

    @Test
    void badChecksumAtTheEndFallsBackToTheCopy() throws Exception {
        Path f = dynamic("sum.vhd");
        VhdFixture.putByte(f, tail(f) + 100, 1); // fault: a reserved byte of the end footer, checksum not fixed
        DriverRun r = VhdFixture.run(f);
        only(r, VhdCodes.FOOTER_BAD_CHECKSUM);
        assertEquals(new Evidence(f, tail(f) + Footer.OFF_CHECKSUM, 4), r.findings().get(0).evidence().get(0));
        assertTrue(r.guestReader());
    }

    @Test
    void copiesThatDiffer() throws Exception {
        Path f = dynamic("copies.vhd");
        VhdFixture.putInt(f, tail(f) + Footer.OFF_CREATOR_VERSION, 0x00090000); // fault: only the end footer changed (byte 33)
        fixFooter(f, tail(f));
        DriverRun r = VhdFixture.run(f);
        only(r, VhdCodes.FOOTER_COPY_MISMATCH);
        assertTrue(r.findings().get(0).message().contains("byte 33"), r::toString);
    }

    @Test
    void badVersion() throws Exception {
        Path f = dynamic("ver.vhd");
        putFooterInt(f, Footer.OFF_VERSION, 0x00020000); // fault: version 2.0
        only(VhdFixture.run(f), VhdCodes.FOOTER_BAD_VERSION);
    }

    @Test
    void badFeatures() throws Exception {
        Path f = dynamic("feat.vhd");
        putFooterInt(f, Footer.OFF_FEATURES, 0); // fault: the always-set reserved bit 0x2 cleared
        only(VhdFixture.run(f), VhdCodes.FOOTER_BAD_FEATURES);
    }

    @Test
    void badDiskType() throws Exception {
        Path f = dynamic("type.vhd");
        putFooterInt(f, Footer.OFF_DISK_TYPE, 7); // fault: disk type 7
        DriverRun r = VhdFixture.run(f);
        only(r, VhdCodes.FOOTER_BAD_DISK_TYPE);
        assertEquals(-1, r.virtualSize());
        assertFalse(r.guestReader());
    }

    @Test
    void badDataOffset() throws Exception {
        Path f = dynamic("off.vhd");
        putFooterLong(f, Footer.OFF_DATA_OFFSET, 1L << 40); // fault: the dynamic header "at" 1 TiB
        DriverRun r = VhdFixture.run(f);
        only(r, VhdCodes.FOOTER_BAD_DATA_OFFSET);
        assertFalse(r.guestReader());
        Path g = forced("fixoff.vhd", "fixed");
        VhdFixture.putLong(g, tail(g) + Footer.OFF_DATA_OFFSET, 512); // fault: a fixed disk with a data offset
        fixFooter(g, tail(g));
        DriverRun rg = VhdFixture.run(g);
        only(rg, VhdCodes.FOOTER_BAD_DATA_OFFSET);
        assertEquals(Severity.WARNING, rg.findings().get(0).severity());
    }

    @Test
    void sizeNotWholeSectors() throws Exception {
        Path f = forced("odd.vhd", "dynamic");
        putFooterLong(f, Footer.OFF_CURRENT_SIZE, (1 << 20) + 100); // fault: 100 bytes past a sector boundary
        only(VhdFixture.run(f), VhdCodes.FOOTER_SIZE_UNALIGNED);
    }

    @Test
    void sizeTooLarge() throws Exception {
        Path f = forced("huge.vhd", "dynamic");
        putFooterLong(f, Footer.OFF_CURRENT_SIZE, 3L << 40); // fault: 3 TiB ("qem2" takes the current size)
        DriverRun r = VhdFixture.run(f);
        only(r, VhdCodes.FOOTER_SIZE_TOO_LARGE);
        assertEquals(-1, r.virtualSize());
    }

    @Test
    void geometryAndSizeDisagree() throws Exception {
        Path f = dynamic("chs.vhd");
        long chs = VhdFixture.run(f).virtualSize();
        // fault: creator "qemu" sizes by geometry; the current size is made 1 MiB larger than the geometry
        putFooterLong(f, Footer.OFF_CURRENT_SIZE, chs + (1 << 20));
        DriverRun r = VhdFixture.run(f);
        only(r, VhdCodes.FOOTER_GEOMETRY_MISMATCH);
        assertEquals(Severity.INFO, r.findings().get(0).severity());
        assertEquals(chs, r.virtualSize());
    }

    @Test
    void savedState() throws Exception {
        Path f = dynamic("saved.vhd");
        for (long at : new long[] { 0, tail(f) }) { // fault: saved-state byte 84 set in both copies
            VhdFixture.putByte(f, at + Footer.OFF_SAVED_STATE, 1);
            fixFooter(f, at);
        }
        only(VhdFixture.run(f), VhdCodes.FOOTER_SAVED_STATE);
    }

    @Test
    void fixedDiskShorterThanItsSize() throws Exception {
        Path f = forced("short.vhd", "fixed");
        VhdFixture.putLong(f, tail(f) + Footer.OFF_CURRENT_SIZE, 2L << 20); // fault: says 2 MiB, holds 1 MiB
        fixFooter(f, tail(f));
        DriverRun r = VhdFixture.run(f);
        only(r, VhdCodes.FIXED_SIZE_MISMATCH);
        assertEquals(Severity.ERROR, r.findings().get(0).severity());
    }

    @Test
    void fixedDiskCutInTheMiddleOfASector() throws Exception {
        Path f = forced("trunc.vhd", "fixed");
        VhdFixture.truncate(f, Files.size(f) - 100); // fault: an interrupted copy, 100 bytes short
        DriverRun r = VhdFixture.run(f);
        assertEquals(List.of(VhdCodes.FILE_SIZE_UNALIGNED, VhdCodes.FOOTER_MISSING), r.codes().stream().sorted()
                .toList(), r::toString);
    }
}
