// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestDisk;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.format.raw.internal.RawImage;

/**
 * The root directory's $I30 index of a real mkntfs volume (a terminal entry in $INDEX_ROOT pointing to one INDX
 * block of 13 entries): names resolve to the MFT records ntfsinfo shows for the system files.
 */
class DirectoryIndexTest {

    @TempDir
    Path tmp;

    @Test
    void systemFilesResolveThroughTheRootIndex() throws Exception {
        Path fs = NtfsFixture.ntfs(tmp, "fs.img");
        try (ImageSource s = ImageSource.open(fs)) {
            GuestDisk disk = new GuestDisk(new RawImage(s));
            GuestVolume v = new GuestVolume(disk, Volume.wholeDisk(disk.bytes()));
            byte[] raw = new byte[1024];
            v.read(4 * 4096 + 5 * 1024, 1024).get(raw); // record 5 of $MFT at cluster 4
            MftRecord root = MftRecord.of(raw);
            assertNull(root.error());
            DirectoryIndex index = new DirectoryIndex(v, root, 4096);
            assertEquals(7, index.find("$Boot"));
            assertEquals(3, index.find("$volume"), "compared ignoring case");
            assertEquals(0, index.find("$MFT"));
            assertEquals(11, index.find("$Extend"));
            assertEquals(-1, index.find("hiberfil.sys"));
        }
    }
}
