// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.testing.GuestReads;
import org.vdiskdoctor.testing.GuestReads.Opened;

/** Diagnosis and guest reads never change a byte or the modification time, not even of a damaged image. */
class VdiReadOnlyTest {

    @TempDir
    Path dir;

    private static byte[] sha256(Path f) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
    }

    private static void assertUnchanged(Path... files) throws Exception {
        // an mtime in the past, so a write (even of identical bytes) would show
        FileTime past = FileTime.fromMillis(1_000_000_000_000L);
        byte[][] before = new byte[files.length][];
        for (int i = 0; i < files.length; i++) {
            Files.setLastModifiedTime(files[i], past);
            before[i] = sha256(files[i]);
        }
        Path top = files[0];
        VdiFixture.run(top); // score, open, check, describe, parent search
        try (Opened o = GuestFixture.open(top)) {
            if (o.image() instanceof org.vdiskdoctor.core.spi.GuestReader g && files.length == 1) {
                GuestReads.readAll(g, 1 << 20);
            }
        }
        for (int i = 0; i < files.length; i++) {
            assertArrayEquals(before[i], sha256(files[i]), "content of " + files[i]);
            assertEquals(past, Files.getLastModifiedTime(files[i]), "mtime of " + files[i]);
        }
    }

    @Test
    void healthyImageIsUnchanged() throws Exception {
        assertUnchanged(VdiFixture.dynamic(dir, "a.vdi"));
    }

    @Test
    void damagedImageIsUnchanged() throws Exception {
        Path f = VdiFixture.dynamic(dir, "bad.vdi");
        VdiFixture.putInt(f, VdiFixture.entry(f, 3), 0); // fault: duplicate entry; qemu would not fix it either
        VdiFixture.putInt(f, VdiHeader.OFF_BLOCKS_ALLOCATED, 1); // fault: allocated count too small
        assertUnchanged(f);
    }

    @Test
    void differencingImageAndTheParentsItSearchedAreUnchanged() throws Exception {
        VdiWriter b = VdiChainTest.base();
        Path base = b.write(dir.resolve("base.vdi"));
        Path child = VdiChainTest.child(b).write(dir.resolve("child.vdi"));
        assertUnchanged(child, base);
    }
}
