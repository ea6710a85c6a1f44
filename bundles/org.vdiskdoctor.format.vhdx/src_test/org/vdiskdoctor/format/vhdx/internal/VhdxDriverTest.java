// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.ProbeHeader;
import org.vdiskdoctor.testing.DriverRun;

/** Probing by score, healthy images without findings, and what describe() shows. */
class VhdxDriverTest {

    @TempDir
    Path dir;

    private static int score(String name, byte[] head, long size) {
        return new VhdxDriver().score(new ProbeHeader(Path.of(name), size, ByteBuffer.wrap(head)));
    }

    @Test
    void scores() {
        byte[] id = "vhdxfile".getBytes();
        assertEquals(FormatDriver.SCORE_CERTAIN, score("a.img", id, 4 << 20));
        assertEquals(FormatDriver.SCORE_LIKELY, score("a.img", id, 1000));
        assertEquals(FormatDriver.SCORE_NAME_ONLY, score("b.AVHDX", new byte[8], 4 << 20));
        assertEquals(0, score("c.img", new byte[8], 4 << 20));
        assertEquals(0, score("d.vhd", new byte[0], 0));
    }

    @Test
    void healthyDynamicFixedAnd4kImagesHaveNoFindings() throws Exception {
        for (String[] opts : new String[][] { {}, { "-o", "subformat=fixed" }, { "-o", "block_size=32M" },
                { "-o", "log_size=2M" } }) {
            Path f = VhdxFixture.create(dir, "h" + opts.length + opts.hashCode() + ".vhdx", "40M", opts);
            VhdxFixture.qemuIo(f, "write -P 0x42 1M 3M");
            DriverRun r = VhdxFixture.run(f);
            assertEquals(0, r.findings().size(), () -> String.join(" ", opts) + ": " + r);
            assertEquals(40 << 20, r.virtualSize());
            assertTrue(r.guestReader());
            Object[] q = VhdxFixture.qemuCheck(f);
            assertEquals(0, q[0], q[1]::toString);
        }
    }

    @Test
    void describeShowsHeadersRegionsMetadataBatAndLog() throws Exception {
        Path f = VhdxFixture.create(dir, "d.vhdx", "8M");
        VhdxFixture.qemuIo(f, "write -P 0x42 0 64k");
        StructureNode s = VhdxFixture.run(f).structure();
        assertEquals("vhdxfile", s.find("file type identifier", "signature").value());
        assertTrue(s.find("file type identifier", "creator").value().startsWith("QEMU"));
        assertTrue(s.find("current header").value().contains("higher sequence number"), s::toString);
        assertEquals("valid", s.find("header 1").value());
        assertEquals("valid", s.find("region table 2").value());
        assertEquals("{2DC27766-F623-4200-9D64-115E9BFD4A08}", s.find("region table 1", "BAT", "Guid").value());
        assertEquals("8388608", s.find("metadata", "Virtual Disk Size").value());
        assertEquals("512", s.find("metadata", "Logical Sector Size").value());
        assertEquals("BlockSize 8388608", s.find("metadata", "File Parameters").value());
        assertEquals("1", s.find("BAT", "FULLY_PRESENT").value());
        assertEquals("clean (LogGuid is zero)", s.find("log").value());
        assertTrue(Files.size(f) > 0);
    }
}
