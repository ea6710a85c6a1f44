// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.testing.DriverRun;

/**
 * Proves the test-side {@link VdiWriter} against QEMU: a dynamic image it writes (1plus header, Oracle text, free,
 * zero and data blocks) converts with {@code qemu-img} to exactly the guest bytes the writer meant, {@code qemu-img
 * check} finds it clean, and our driver reads the same bytes. Its differencing images differ only in type and UUIDs.
 */
class VdiWriterTest {

    @TempDir
    Path dir;

    @Test
    void writerImageIsReadByQemuAsIntended() throws Exception {
        VdiWriter w = new VdiWriter(4 << 20);
        w.blocks[0] = VdiWriter.pattern(0x41, 0, 4096);
        w.blocks[2] = VdiWriter.pattern(0x42, 1000, 1 << 20);
        w.blocks[3] = VdiWriter.ZERO_BLOCK;
        Path f = w.write(dir.resolve("w.vdi"));
        Path raw = dir.resolve("intended.raw");
        Files.write(raw, w.guest(null));
        String cmp = VdiFixture.qemuImg(dir, "compare", "-f", "vdi", "-F", "raw", "w.vdi", "intended.raw");
        assertTrue(cmp.contains("Images are identical"), cmp);
        String check = VdiFixture.qemuImg(dir, "check", "-f", "vdi", "w.vdi");
        assertTrue(check.contains("No errors were found"), check);
        DriverRun r = VdiFixture.run(f);
        assertEquals(List.of(), r.findings(), r::toString);
        GuestFixture.assertReadsLikeQemu(f, "writer image");
        assertEquals(w.create.toString(), r.structure().find("header", "uuid create").value(),
                "UUID text form as VirtualBox prints it");
    }
}
