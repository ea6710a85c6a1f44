// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.layout.gpt.internal.GptFixture.SECTOR;
import static org.vdiskdoctor.layout.gpt.internal.GptFixture.healthy;
import static org.vdiskdoctor.layout.gpt.internal.GptFixture.probe;
import static org.vdiskdoctor.layout.gpt.internal.GptProbeTest.LAST;
import static org.vdiskdoctor.layout.gpt.internal.GptProbeTest.agreesWithSgdisk;
import static org.vdiskdoctor.layout.gpt.internal.GptProbeTest.only;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.layout.gpt.GptCodes;

/**
 * Header fields out of bounds in a header whose CRC-32 is right again after the surgery (so only the field check can
 * catch them): HeaderSize, MyLBA, SizeOfPartitionEntry, FirstUsableLBA, Revision. Cross-checked with sgdisk -v.
 */
class GptHeaderFieldsTest {

    @TempDir
    Path tmp;

    /** Primary header field surgery at LBA 1, then the header CRC fixed; the backup stays intact. */
    private Path primaryWith(String name, int offset, int value) throws Exception {
        Path f = healthy(tmp, name);
        GptFixture.putInt(f, SECTOR + offset, value);
        GptFixture.fixHeaderCrc(f, 1);
        return f;
    }

    @Test
    void headerSizeLargerThanTheSector() throws Exception {
        // fault: HeaderSize (LBA 1, byte 12) = 600; the CRC cannot even be computed over it
        Path f = healthy(tmp, "hsize.img");
        GptFixture.putInt(f, SECTOR + 12, 600);
        List<Finding> found = probe(f);
        Finding p = only(found, GptCodes.PRIMARY_HEADER_INVALID);
        assertTrue(p.message().contains("HeaderSize 600 is outside 92..512") && p.message().contains("LBA " + LAST),
                p.message());
        assertTrue(agreesWithSgdisk(f, found).reportsProblem());
    }

    @Test
    void myLbaPointsElsewhere() throws Exception {
        // fault: the primary's MyLBA (byte 24) = 5, CRC fixed
        Path f = primaryWith("mylba.img", 24, 5);
        List<Finding> found = probe(f);
        assertTrue(only(found, GptCodes.PRIMARY_HEADER_INVALID).message().contains("MyLBA is 5, but the header was "
                + "read at LBA 1"));
        agreesWithSgdisk(f, found);
    }

    @Test
    void entrySizeNotAPowerOfTwoTimes128() throws Exception {
        // fault: SizeOfPartitionEntry (byte 84) = 100, CRC fixed
        Path f = primaryWith("esize.img", 84, 100);
        List<Finding> found = probe(f);
        assertTrue(only(found, GptCodes.PRIMARY_HEADER_INVALID).message().contains("SizeOfPartitionEntry 100"));
        agreesWithSgdisk(f, found);
    }

    @Test
    void firstUsableInsideThePrimaryArray() throws Exception {
        // fault: FirstUsableLBA (byte 40) = 10, inside the primary array (LBA 2..33), CRC fixed
        Path f = primaryWith("first.img", 40, 10);
        List<Finding> found = probe(f);
        Finding u = only(found, GptCodes.USABLE_RANGE);
        assertEquals(Severity.ERROR, u.severity());
        assertTrue(u.message().contains("reaches past FirstUsableLBA 10"), u.message());
        agreesWithSgdisk(f, found);
    }

    @Test
    void unknownRevision() throws Exception {
        // fault: Revision (byte 8) = 0x00020000 in both headers, CRCs fixed
        Path f = primaryWith("rev.img", 8, 0x0002_0000);
        GptFixture.putInt(f, LAST * SECTOR + 8, 0x0002_0000);
        GptFixture.fixHeaderCrc(f, LAST);
        List<Finding> found = probe(f);
        Finding r = only(found, GptCodes.UNKNOWN_REVISION);
        assertEquals(Severity.WARNING, r.severity());
        assertTrue(r.message().contains("revision 0x00020000"), r.message());
        agreesWithSgdisk(f, found);
    }
}
