// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.create;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.orLong;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diagnosis never changes a byte or the modification time, not even of a dirty or corrupt image. */
class Qcow2ReadOnlyTest {

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
        run(f); // score, open, check, describe
        assertArrayEquals(before, sha256(f), "content of " + f);
        assertEquals(past, Files.getLastModifiedTime(f), "mtime of " + f);
    }

    @Test
    void healthyImageWithBackingIsUnchanged() throws Exception {
        create(dir, "base.qcow2");
        assertUnchangedByDiagnosis(create(dir, "child.qcow2", "-b", "base.qcow2", "-F", "qcow2"));
    }

    @Test
    void dirtyAndCorruptImageIsUnchanged() throws Exception {
        // QEMU would repair a dirty image on a read-write open and refuse a corrupt one; we only read
        Path f = create(dir, "dirty.qcow2", "-o", "lazy_refcounts=on");
        orLong(f, 72, 3); // fault: dirty + corrupt
        assertUnchangedByDiagnosis(f);
    }
}
