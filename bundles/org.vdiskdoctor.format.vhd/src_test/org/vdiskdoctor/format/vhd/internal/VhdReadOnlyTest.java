// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diagnosis (score, open, check, describe, guest reads) never changes a byte or the modification time. */
class VhdReadOnlyTest {

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
        VhdFixture.run(f);
        VhdGuestReadTest.ours(f);
        assertArrayEquals(before, sha256(f), "content of " + f);
        assertEquals(past, Files.getLastModifiedTime(f), "mtime of " + f);
    }

    @Test
    void healthyDynamicAndFixedDisksAreUnchanged() throws Exception {
        Path d = VhdFixture.create(dir, "d.vhd", "3M");
        VhdFixture.io(d, "write -P 0xab 0 64k");
        assertUnchangedByDiagnosis(d);
        assertUnchangedByDiagnosis(VhdFixture.create(dir, "f.vhd", "1M", "-o", "subformat=fixed"));
    }

    @Test
    void damagedDiskIsUnchanged() throws Exception {
        Path d = VhdFixture.create(dir, "bad.vhd", "3M");
        VhdFixture.io(d, "write -P 0xab 0 64k");
        VhdFixture.putByte(d, VhdFixture.tail(d) + 100, 1); // fault: end footer checksum broken
        VhdFixture.putInt(d, 0x604, 2); // fault: BAT entry 1 inside the dynamic header
        assertUnchangedByDiagnosis(d);
    }
}
