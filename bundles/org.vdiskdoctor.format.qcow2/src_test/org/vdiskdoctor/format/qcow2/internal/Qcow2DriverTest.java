// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.ProbeHeader;

/** Probing by score, on header bytes in memory. */
class Qcow2DriverTest {

    private final Qcow2Driver driver = new Qcow2Driver();

    private static ByteBuffer v3Header() {
        ByteBuffer b = ByteBuffer.allocate(512);
        b.putInt(0, Qcow2Header.MAGIC).putInt(4, 3).putInt(20, 16).putLong(24, 1 << 20);
        b.putInt(36, 1).putLong(40, 0x30000).putLong(48, 0x10000).putInt(56, 1);
        b.putInt(96, 4).putInt(100, 112);
        return b;
    }

    private int score(String name, ByteBuffer head) {
        return driver.score(new ProbeHeader(Path.of("/vm", name), 196608, head));
    }

    @Test
    void idIsQcow2() {
        assertEquals("qcow2", driver.id());
    }

    @Test
    void magicAndVersion3IsCertain() {
        assertEquals(FormatDriver.SCORE_CERTAIN, score("disk", v3Header()));
    }

    @Test
    void magicWithWeirdFieldsIsLikely() {
        assertEquals(FormatDriver.SCORE_LIKELY, score("disk", v3Header().putInt(4, 1))); // qcow1
        assertEquals(FormatDriver.SCORE_LIKELY, score("disk", v3Header().putInt(20, 40)));
        assertEquals(FormatDriver.SCORE_LIKELY, score("disk", v3Header().putInt(100, 0x30)));
        assertEquals(FormatDriver.SCORE_LIKELY, score("disk", v3Header().limit(50)));
    }

    @Test
    void noMagicScoresByNameOnly() {
        ByteBuffer zeroed = v3Header().putInt(0, 0);
        assertEquals(FormatDriver.SCORE_NAME_ONLY, score("disk.qcow2", zeroed));
        assertEquals(FormatDriver.SCORE_NAME_ONLY, score("DISK.QCOW", zeroed));
        assertEquals(0, score("disk.img", zeroed));
        assertEquals(0, score("disk.vmdk", ByteBuffer.allocate(0)));
        assertEquals(FormatDriver.SCORE_NAME_ONLY, score("disk.qcow2", ByteBuffer.allocate(2)));
    }
}
