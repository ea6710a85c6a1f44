// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.ProbeHeader;

/** Probing by score: VDI certain, damaged VDI likely or by name, other formats and garbage 0, never a throw. */
class VdiDriverTest {

    @TempDir
    Path dir;

    private static int score(Path f) throws Exception {
        byte[] b = Files.readAllBytes(f);
        return new VdiDriver().score(new ProbeHeader(f, b.length,
                ByteBuffer.wrap(b, 0, Math.min(b.length, ProbeHeader.LENGTH))));
    }

    @Test
    void scores() throws Exception {
        assertEquals(FormatDriver.SCORE_CERTAIN, score(VdiFixture.create(dir, "a.vdi", "1M")));
        VdiFixture.qemuImg(dir, "create", "-q", "-f", "qcow2", "q.vdi", "1M");
        assertEquals(FormatDriver.SCORE_NAME_ONLY, score(dir.resolve("q.vdi")), "named .vdi, not VDI");
        VdiFixture.qemuImg(dir, "create", "-q", "-f", "vpc", "v.vhd", "1M");
        assertEquals(0, score(dir.resolve("v.vhd")));
        Files.write(dir.resolve("empty.img"), new byte[0]);
        assertEquals(0, score(dir.resolve("empty.img")));
        Path v = VdiFixture.create(dir, "b.vdi", "1M");
        VdiFixture.putInt(v, VdiHeader.OFF_VERSION, 0x00020000); // fault: version 2.0
        assertEquals(FormatDriver.SCORE_LIKELY, score(v));
    }
}
