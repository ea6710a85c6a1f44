// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.vdiskdoctor.format.vhd.internal.VhdFixture.create;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.ProbeHeader;
import org.vdiskdoctor.format.vhd.VhdCodes;
import org.vdiskdoctor.testing.DriverRun;

/** Probing by score, and what a file that only has the name gets. */
class VhdDriverTest {

    @TempDir
    Path dir;

    @Test
    void scores() throws Exception {
        assertEquals(FormatDriver.SCORE_CERTAIN, VhdFixture.run(create(dir, "d.vhd", "1M")).score());
        // a fixed disk over 64 KiB: the footer is beyond the probe header, so only the name says VHD (as in QEMU)
        assertEquals(FormatDriver.SCORE_NAME_ONLY, VhdFixture.run(create(dir, "f.vhd", "1M", "-o",
                "subformat=fixed")).score());
        // a small fixed disk fits in the probe header with its footer
        Path small = create(dir, "small.img", "32k", "-o", "subformat=fixed,force_size=on");
        assertEquals(FormatDriver.SCORE_CERTAIN, VhdFixture.run(small).score());
        VhdFixture.putByte(small, VhdFixture.tail(small) + 70, 0x55); // fault: unique id changed, checksum not
        assertEquals(FormatDriver.SCORE_LIKELY, VhdFixture.run(small).score());
        Path raw = Files.write(dir.resolve("disk.img"), new byte[4096]);
        assertEquals(0, new VhdDriver().score(new ProbeHeader(raw, 4096, ByteBuffer.wrap(new byte[4096]))));
        assertEquals(0, new VhdDriver().score(new ProbeHeader(raw, 1L << 40, ByteBuffer.allocate(3))));
    }

    @Test
    void rawDiskRenamedVhdHasNoFooter() throws Exception {
        Path f = Files.write(dir.resolve("renamed.vhd"), new byte[1 << 20]); // fault: a raw disk named .vhd
        DriverRun r = VhdFixture.run(f);
        assertEquals(FormatDriver.SCORE_NAME_ONLY, r.score());
        assertEquals(List.of(VhdCodes.FOOTER_MISSING), r.codes(), r::toString);
        assertEquals(-1, r.virtualSize());
        assertFalse(r.guestReader());
    }
}
