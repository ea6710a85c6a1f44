// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.raw.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.testing.Tools;

/** Diagnosis never writes: bytes and modification time of a raw image are the same after open, check and reads. */
class RawReadOnlyTest {

    @TempDir
    Path tmp;

    @Test
    void openCheckDescribeAndReadsLeaveTheFileAlone() throws Exception {
        // an odd size, so the check has something to report, and a GPT, so describe reads the boot signature
        Path disk = RawFixtures.qemuImgRaw(tmp.resolve("disk.img"), "128K");
        Tools.run("sgdisk", "-a", "1", "-n", "1:34:200", disk.toString());
        RawFixtures.truncate(disk, 128 * 1024 + 100);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L); // a time no open or read would set
        Files.setLastModifiedTime(disk, old);
        byte[] before = Files.readAllBytes(disk);

        try (ImageSource s = ImageSource.open(disk);
                OpenedImage img = new RawDriver().open(s, f -> {
                }, Monitor.NONE)) {
            int[] n = { 0 };
            img.check(f -> n[0]++, Monitor.NONE);
            assertEquals(1, n[0], "raw.size.unaligned");
            img.describe();
            ByteBuffer b = ByteBuffer.allocate(4096);
            ((GuestReader) img).readGuest(0, b);
        }
        DiagnosisEngine engine = new DiagnosisEngine(List.of(new RawDriver()), List.of(), List.of(),
                RawFixtures.catalog());
        SubjectResult r = engine.diagnoseImage(disk, DiagnosisOptions.defaults().withDescribe(true), Monitor.NONE);
        assertEquals("raw", r.format());

        assertArrayEquals(before, Files.readAllBytes(disk), "bytes changed");
        assertEquals(old, Files.getLastModifiedTime(disk), "modification time changed");
    }
}
