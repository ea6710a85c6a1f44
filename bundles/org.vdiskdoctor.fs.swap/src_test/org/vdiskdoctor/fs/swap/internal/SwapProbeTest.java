// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.swap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.fs.swap.SwapCodes;
import org.vdiskdoctor.testing.ByteSurgery;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Findings;
import org.vdiskdoctor.testing.Tools;

/**
 * Swap areas from mkswap where users meet them (a GPT swap partition on raw and QCOW2), and one fault per finding
 * code by byte surgery (the signature at page end - 10 = byte 4086, version at 1024, last_page at 1028), each
 * compared with what blkid -p reads from the same bytes where it has something to say.
 */
class SwapProbeTest {

    @TempDir
    Path tmp;

    private static String blkid(Path f) throws Exception {
        return Tools.exec("blkid", "-p", "-o", "export", f.toString()).out();
    }

    @Test
    void foundInASwapPartitionOnRawAndQcow2() throws Exception {
        Path area = SwapFixture.mkswap(tmp, "swap.img");
        Path disk = SwapFixture.gptDisk(tmp, area, "8200");
        for (Path image : List.of(disk, Disks.qcow2(disk))) {
            SubjectResult r = SwapFixture.diagnose(image);
            assertEquals(List.of(), Findings.problemCodes(r), r.findings()::toString);
            Volume v = r.volumes().stream().filter(x -> x.filesystem() != null).findFirst().orElseThrow();
            assertEquals("gpt:1", v.id());
            assertEquals("swap", v.filesystem());
            String m = Findings.of(r, SwapCodes.FOUND).get(0).message();
            assertTrue(m.contains("Linux swap area 'swap0' UUID " + SwapFixture.UUID) && m.contains("4096 pages of "
                    + "4096 bytes") && m.contains("at guest byte 1048576"), m);
        }
        String blkid = blkid(area);
        assertTrue(blkid.contains("TYPE=swap") && blkid.contains("UUID=" + SwapFixture.UUID)
                && blkid.contains("LABEL=swap0"), blkid);
    }

    @Test
    void sixtyFourKiBPagesAreFound() throws Exception {
        Path area = SwapFixture.mkswap(tmp, "swap64k.img", "-p", "65536");
        String m = Findings.of(SwapFixture.diagnose(area), SwapCodes.FOUND).get(0).message();
        assertTrue(m.contains("256 pages of 65536 bytes"), m);
    }

    @Test
    void truncatedAreaIsBeyondTheVolume() throws Exception {
        Path area = SwapFixture.mkswap(tmp, "swap.img");
        Tools.run("truncate", "-s", "8M", area.toString());
        SubjectResult r = SwapFixture.diagnose(area);
        assertEquals(List.of(SwapCodes.BEYOND_VOLUME), Findings.problemCodes(r), r.findings()::toString);
        assertTrue(Findings.of(r, SwapCodes.BEYOND_VOLUME).get(0).message().contains("last page 4095"));
    }

    @Test
    void versionZeroSignature() throws Exception {
        Path area = SwapFixture.mkswap(tmp, "swap.img");
        ByteSurgery.write(area, 4086, "SWAP-SPACE".getBytes(StandardCharsets.US_ASCII));
        SubjectResult r = SwapFixture.diagnose(area);
        assertEquals(List.of(SwapCodes.OLD_FORMAT), Findings.problemCodes(r), r.findings()::toString);
        assertTrue(blkid(area).contains("VERSION=0"), blkid(area));
    }

    @Test
    void versionTwo() throws Exception {
        Path area = SwapFixture.mkswap(tmp, "swap.img");
        ByteSurgery.putInt(area, 1024, 2);
        SubjectResult r = SwapFixture.diagnose(area);
        assertEquals(List.of(SwapCodes.VERSION_UNKNOWN), Findings.problemCodes(r), r.findings()::toString);
    }

    @Test
    void hibernatedGuest() throws Exception {
        Path area = SwapFixture.mkswap(tmp, "swap.img");
        ByteSurgery.write(area, 4086, "S1SUSPEND\0".getBytes(StandardCharsets.US_ASCII));
        SubjectResult r = SwapFixture.diagnose(area);
        assertEquals(List.of(SwapCodes.HIBERNATION), Findings.problemCodes(r), r.findings()::toString);
        assertTrue(blkid(area).contains("TYPE=swsuspend"), blkid(area));
    }

    @Test
    void swapWhereTheTableSaysLinuxFilesystem() throws Exception {
        Path disk = SwapFixture.gptDisk(tmp, SwapFixture.mkswap(tmp, "swap.img"), "8300");
        SubjectResult r = SwapFixture.diagnose(disk);
        List<Finding> f = Findings.of(r, SwapCodes.IN_FILESYSTEM_PARTITION);
        assertEquals(1, f.size(), r.findings()::toString);
        assertEquals(List.of(), Findings.problemCodes(r), "an info, not a problem");
    }

    @Test
    void otherContentIsNotRecognised() throws Exception {
        Path f = tmp.resolve("fs.img");
        Tools.run("truncate", "-s", "16M", f.toString());
        Tools.run("mkfs.ext4", "-q", "-F", f.toString());
        SubjectResult r = SwapFixture.diagnose(f);
        assertEquals(List.of(), r.findings());
    }
}
