// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.fs.xfs.XfsCodes;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Findings;

/**
 * XFS found where it is: in a GPT or MBR partition at 1 MiB, on raw and on QCOW2 images of the same disk, and on a
 * whole unpartitioned disk; the info finding names the offset to mount at.
 */
class XfsVolumeTest {

    @TempDir
    Path tmp;

    private static void assertFoundAtOneMib(SubjectResult r, String scheme) {
        assertEquals(List.of(XfsCodes.FOUND), Findings.codes(r), r.findings()::toString);
        Finding f = r.findings().get(0);
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.message().contains("at guest byte 1048576 (mount -o loop,offset=1048576"), f::message);
        assertTrue(f.message().contains("'vdd'") && f.message().contains("300 MiB"), f::message);
        Volume v = r.volumes().stream().filter(x -> "xfs".equals(x.filesystem())).findFirst().orElseThrow();
        assertEquals(scheme, v.scheme());
        assertEquals(1L << 20, v.offset());
        assertEquals(XfsFixture.FS_BYTES, v.length());
    }

    @Test
    void inAGptPartitionOnRawAndQcow2() throws Exception {
        Path disk = XfsFixture.partitioned(tmp, "gpt.img", true, XfsFixture.filesystem(tmp, "fs.img"));
        SubjectResult raw = XfsFixture.diagnose(disk);
        assertFoundAtOneMib(raw, "gpt");
        assertEquals(disk.toString(), raw.findings().get(0).evidence().get(0).file().toString());
        assertEquals(1L << 20, raw.findings().get(0).evidence().get(0).offset(), "guest bytes are file bytes on raw");
        SubjectResult qcow2 = XfsFixture.diagnose(Disks.qcow2(disk));
        assertEquals("qcow2", qcow2.format());
        assertFoundAtOneMib(qcow2, "gpt");
    }

    @Test
    void inAnMbrPartitionOnRawAndQcow2() throws Exception {
        Path disk = XfsFixture.partitioned(tmp, "mbr.img", false, XfsFixture.filesystem(tmp, "fs.img"));
        assertFoundAtOneMib(XfsFixture.diagnose(disk), "mbr");
        assertFoundAtOneMib(XfsFixture.diagnose(Disks.qcow2(disk)), "mbr");
    }

    @Test
    void onTheWholeDiskNeedsNoOffset() throws Exception {
        SubjectResult r = XfsFixture.diagnose(XfsFixture.filesystem(tmp, "fs.img"));
        assertEquals(List.of(XfsCodes.FOUND), Findings.codes(r), r.findings()::toString);
        assertTrue(r.findings().get(0).message().endsWith("at guest byte 0 (mount -o loop)"),
                r.findings().get(0)::message);
        assertEquals("xfs", r.volumes().get(0).filesystem());
    }

    @Test
    void aFaultInAPartitionedQcow2IsFoundToo() throws Exception {
        Path fs = XfsFixture.filesystem(tmp, "fs.img");
        XfsFixture.putInt(fs, 1024, 0); // AGI magic of AG 0
        SubjectResult r = XfsFixture.diagnose(Disks.qcow2(XfsFixture.partitioned(tmp, "gpt.img", true, fs)));
        assertEquals(List.of(XfsCodes.FOUND, XfsCodes.AGI_INVALID), Findings.codes(r), r.findings()::toString);
        assertTrue(r.findings().get(1).message().contains("at guest byte 1048576"), r.findings().get(1)::message);
    }
}
