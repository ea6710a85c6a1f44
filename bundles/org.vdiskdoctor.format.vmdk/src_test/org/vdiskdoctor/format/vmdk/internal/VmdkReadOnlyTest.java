// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

/** Open, check, describe and whole-disk reads change no byte and no modification time of any file of the disk. */
class VmdkReadOnlyTest {

    @TempDir
    Path dir;

    private static byte[] sha256(Path f) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
    }

    private void assertUnchanged(Path image, List<Path> files) throws Exception {
        FileTime past = FileTime.fromMillis(1_000_000_000_000L); // a write, even of the same bytes, would show
        byte[][] before = new byte[files.size()][];
        for (int i = 0; i < files.size(); i++) {
            Files.setLastModifiedTime(files.get(i), past);
            before[i] = sha256(files.get(i));
        }
        VmdkFixture.run(image);
        try (ImageSource src = ImageSource.open(image);
                OpenedImage img = new VmdkDriver().open(src, f -> { }, Monitor.NONE)) {
            VmdkGuestReadTest.readAll((GuestReader) img, 1 << 20);
        }
        for (int i = 0; i < files.size(); i++) {
            assertArrayEquals(before[i], sha256(files.get(i)), "content of " + files.get(i));
            assertEquals(past, Files.getLastModifiedTime(files.get(i)), "mtime of " + files.get(i));
        }
    }

    @Test
    void uncleanSparseImageIsUnchanged() throws Exception {
        // VMware would clear uncleanShutdown and bump the CID on open; we only read
        Path f = VmdkFixture.sparse(dir, "u.vmdk");
        VmdkFixture.putByte(f, SparseHeader.OFF_UNCLEAN, 1);
        assertUnchanged(f, List.of(f));
    }

    @Test
    void splitFlatDiskIsUnchanged() throws Exception {
        Path f = VmdkFixture.create(dir, "s.vmdk", "twoGbMaxExtentFlat", "3M", "write -q -P 0xab 0 64k");
        assertUnchanged(f, List.of(f, dir.resolve("s-f001.vmdk")));
    }
}
