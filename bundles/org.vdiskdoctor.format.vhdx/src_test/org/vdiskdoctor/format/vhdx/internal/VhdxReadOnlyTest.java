// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diagnosis never changes a byte or the modification time, not even of an image whose log needs replaying (which
 * QEMU and Hyper-V would replay, i.e. write, on a read-write open).
 */
class VhdxReadOnlyTest {

    @TempDir
    Path dir;

    private static byte[] sha256(Path f) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
    }

    private static void assertUnchangedByDiagnosis(Path f) throws Exception {
        // an mtime in the past, so a write (even of identical bytes) would show
        FileTime past = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(f, past);
        byte[] before = sha256(f);
        VhdxFixture.run(f); // score, open, check, describe
        VhdxGuestReadTest.ours(f, 1 << 20); // and every guest byte
        assertArrayEquals(before, sha256(f), "content of " + f);
        assertEquals(past, Files.getLastModifiedTime(f), "mtime of " + f);
    }

    @Test
    void healthyImageIsUnchanged() throws Exception {
        Path f = VhdxFixture.create(dir, "ok.vhdx", "8M");
        VhdxFixture.qemuIo(f, "write -P 0xab 0 64k");
        assertUnchangedByDiagnosis(f);
    }

    @Test
    void imageWithALogToReplayIsUnchanged() throws Exception {
        Path f = VhdxFixture.create(dir, "dirty.vhdx", "8M");
        VhdxFixture.qemuIo(f, "write -P 0xab 0 64k");
        long cur = Long.compareUnsigned(VhdxFixture.getLe64(f, VhdxFixture.H1 + 8),
                VhdxFixture.getLe64(f, VhdxFixture.H2 + 8)) > 0 ? VhdxFixture.H1 : VhdxFixture.H2;
        byte[] guid = new byte[16];
        VhdxFixture.get(f, VhdxFixture.LOG + 32, 16).get(0, guid);
        VhdxFixture.put(f, cur + 48, guid); // fault: LogGuid set, as after a crash (see VhdxLogTest)
        VhdxFixture.fixHeader(f, cur);
        assertUnchangedByDiagnosis(f);
    }
}
