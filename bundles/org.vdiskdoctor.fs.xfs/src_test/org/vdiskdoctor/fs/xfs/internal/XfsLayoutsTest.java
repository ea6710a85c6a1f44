// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.fs.xfs.XfsCodes;
import org.vdiskdoctor.testing.Findings;
import org.vdiskdoctor.testing.Tools;

/**
 * Other geometries from the real mkfs.xfs (v4 with 1 KiB blocks, v5 with 4 KiB sectors) and a log that has wrapped
 * (xfs_db logformat -c 5: a cycle-5 unmount record at the start, the rest of the log stamped with cycle 4), so the
 * AG header offsets, the CRC over a 4 KiB sector and the log head search are proven on more than one layout.
 */
class XfsLayoutsTest {

    @TempDir
    Path tmp;

    private Path mkfs(String... options) throws Exception {
        Path f = tmp.resolve("fs.img");
        Tools.run("truncate", "-s", Long.toString(XfsFixture.FS_BYTES), f.toString());
        List<String> cmd = new java.util.ArrayList<>(List.of("mkfs.xfs", "-q", "-f"));
        cmd.addAll(List.of(options));
        cmd.add(f.toString());
        Tools.run(cmd.toArray(String[]::new));
        return f;
    }

    private static void assertClean(Path fs, String version) throws Exception {
        SubjectResult r = XfsFixture.diagnose(fs);
        assertEquals(List.of(XfsCodes.FOUND), Findings.codes(r), r.findings()::toString);
        assertTrue(r.findings().get(0).message().contains("XFS " + version + " filesystem"), r.findings()::toString);
        Tools.Run repair = XfsFixture.repairDryRun(fs);
        assertEquals(0, repair.exit(), repair.out());
    }

    @Test
    void v4WithOneKibBlocksAndItsAgiDamaged() throws Exception {
        Path fs = mkfs("-m", "crc=0", "-b", "size=1024");
        assertClean(fs, "v4");
        assertTrue(XfsFixture.diagnose(fs).findings().get(0).message().contains("v4 is deprecated"));
        XfsFixture.putInt(fs, 1024 + 8, 3); // agi_seqno of AG 0 (sector 2 of 512 bytes); v4 has no CRC to catch it
        SubjectResult r = XfsFixture.diagnose(fs);
        assertEquals(List.of(XfsCodes.FOUND, XfsCodes.AGI_INVALID), Findings.codes(r), r.findings()::toString);
        assertTrue(r.findings().get(1).message().contains("sequence number 3 is not AG 0"), r.findings()::toString);
    }

    @Test
    void v5WithFourKibSectorsAndItsAgfDamaged() throws Exception {
        Path fs = mkfs("-s", "size=4096");
        assertClean(fs, "v5");
        XfsFixture.putInt(fs, 4096 + 4000, 1); // inside AG 0's 4 KiB AGF sector, past the fields: only the CRC sees it
        SubjectResult r = XfsFixture.diagnose(fs);
        assertEquals(List.of(XfsCodes.FOUND, XfsCodes.AGF_INVALID), Findings.codes(r), r.findings()::toString);
        assertTrue(XfsFixture.repairDryRun(fs).out().contains("agf has bad CRC for ag 0"));
    }

    @Test
    void wrappedLogIsCleanUntilItsUnmountRecordIsNot() throws Exception {
        Path fs = XfsFixture.filesystem(tmp, "fs.img");
        Tools.run("xfs_db", "-x", "-c", "logformat -c 5", fs.toString());
        long log = Superblock.parse(XfsFixture.read(fs, 0, 512)).logByteOffset();
        assertEquals(4, XfsFixture.getInt(fs, log + 16384L * 4096 - 512), "the log's last block carries cycle 4");
        assertClean(fs, "v5");
        XfsFixture.putByte(fs, log + 512 + 9, 0); // XLOG_UNMOUNT_TRANS off in the cycle-5 record's only operation
        SubjectResult r = XfsFixture.diagnose(fs);
        assertEquals(List.of(XfsCodes.FOUND, XfsCodes.LOG_DIRTY), Findings.codes(r), r.findings()::toString);
        assertTrue(r.findings().get(1).message().contains("(cycle 5, 1 operations)"), r.findings()::toString);
        assertTrue(Tools.run("xfs_logprint", "-t", fs.toString()).contains("state: <DIRTY>"));
    }
}
