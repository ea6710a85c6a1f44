// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.lvm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.fs.lvm.LvmCodes;
import org.vdiskdoctor.testing.ByteSurgery;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Findings;
import org.vdiskdoctor.testing.Tools;

/**
 * A PV where users meet it (a GPT partition of type Linux LVM on raw and QCOW2) and one fault per finding code by
 * byte surgery on the {@link PvWriter} layout: label in sector 1 (byte 512), PV UUID at 544, device size at 576,
 * metadata area header at 4096, VG text at 4608.
 */
class LvmProbeTest {

    @TempDir
    Path tmp;

    private static String blkid(Path f) throws Exception {
        return Tools.exec("blkid", "-p", "-o", "export", f.toString()).out();
    }

    private static void onlyProblem(SubjectResult r, org.vdiskdoctor.core.FindingCode code) {
        assertEquals(List.of(code), Findings.problemCodes(r), r.findings()::toString);
    }

    @Test
    void foundInAnLvmPartitionOnRawAndQcow2() throws Exception {
        Path pv = PvWriter.pv(tmp, "pv.img");
        // blkid reads the writer's label independently: type, CRC and UUID as pvcreate's
        String blkid = blkid(pv);
        assertTrue(blkid.contains("TYPE=LVM2_member") && blkid.contains("UUID=Ab12Cd-34Ef-56Gh-78Ij-90Kl-12Mn-34Op56"),
                blkid);
        Path disk = LvmFixture.gptDisk(tmp, pv, "8e00");
        for (Path image : List.of(disk, Disks.qcow2(disk))) {
            SubjectResult r = LvmFixture.diagnose(image);
            assertEquals(List.of(), Findings.problemCodes(r), r.findings()::toString);
            Volume v = r.volumes().stream().filter(x -> x.filesystem() != null).findFirst().orElseThrow();
            assertEquals("gpt:1", v.id());
            assertEquals("LVM2 PV", v.filesystem());
            String m = Findings.of(r, LvmCodes.FOUND).get(0).message();
            assertTrue(m.contains("UUID Ab12Cd-34Ef-56Gh-78Ij-90Kl-12Mn-34Op56, 16777216 bytes, of volume group 'vg0' "
                    + "(metadata seqno 3), at guest byte 1048576") && m.contains("logical volumes are not read yet"),
                    m);
        }
    }

    @Test
    void metadataTextWrappingAroundTheCircularAreaIsRead() throws Exception {
        Path pv = tmp.resolve("wrap.img");
        Tools.run("truncate", "-s", "16M", pv.toString());
        PvWriter.write(pv, 16L << 20, PvWriter.MDA_SIZE - 40); // 40 bytes at the end, the rest after the header
        SubjectResult r = LvmFixture.diagnose(pv);
        assertEquals(List.of(), Findings.problemCodes(r), r.findings()::toString);
        assertTrue(Findings.of(r, LvmCodes.FOUND).get(0).message().contains("'vg0'"));
    }

    @Test
    void changedUuidBreaksTheLabelCrc() throws Exception {
        Path pv = PvWriter.pv(tmp, "pv.img");
        ByteSurgery.write(pv, 544, "Z".getBytes()); // first UUID character, CRC left as it was
        onlyProblem(LvmFixture.diagnose(pv), LvmCodes.LABEL_CHECKSUM);
        assertFalse(blkid(pv).contains("LVM2_member"), "blkid ignores the label too");
    }

    @Test
    void truncatedPvIsBeyondTheVolume() throws Exception {
        Path pv = PvWriter.pv(tmp, "pv.img");
        Tools.run("truncate", "-s", "8M", pv.toString());
        SubjectResult r = LvmFixture.diagnose(pv);
        onlyProblem(r, LvmCodes.BEYOND_VOLUME);
        assertTrue(Findings.of(r, LvmCodes.BEYOND_VOLUME).get(0).message().contains("16777216 bytes but the "
                + "volume holds 8388608"));
    }

    @Test
    void metadataHeaderOverwritten() throws Exception {
        Path pv = PvWriter.pv(tmp, "pv.img");
        ByteSurgery.write(pv, PvWriter.MDA, new byte[512]);
        SubjectResult r = LvmFixture.diagnose(pv);
        onlyProblem(r, LvmCodes.METADATA_INVALID);
        assertTrue(Findings.of(r, LvmCodes.FOUND).get(0).message().contains("volume group could not be read"));
    }

    @Test
    void metadataTextChanged() throws Exception {
        Path pv = PvWriter.pv(tmp, "pv.img");
        ByteSurgery.write(pv, PvWriter.MDA + 512, "vg1".getBytes()); // renamed without a new checksum
        onlyProblem(LvmFixture.diagnose(pv), LvmCodes.METADATA_CHECKSUM);
    }

    @Test
    void otherContentIsNotRecognised() throws Exception {
        Path f = tmp.resolve("swap.img");
        Tools.run("truncate", "-s", "16M", f.toString());
        Tools.run("mkswap", "-q", f.toString());
        assertEquals(List.of(), LvmFixture.diagnose(f).findings());
    }
}
