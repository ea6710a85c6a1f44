// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.DiagnosisResult;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.testing.FakeDriver;
import org.vdiskdoctor.core.testing.Fixtures;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * An image no VM could open read-write (VirtualBox VERR_VD_IMAGE_READ_ONLY): no write bit for anyone (chmod 444), or
 * a read-only mount (a tmpfs mounted, filled, then remounted read-only: the tests run as root). Info only, and only
 * for the image named, never for its backing files, which are read-only by design.
 */
class ReadOnlyImageTest {

    @TempDir
    Path tmp;

    private static List<Finding> readOnly(DiagnosisResult r) {
        return r.subjects().stream().flatMap(s -> s.findings().stream())
                .filter(f -> f.code().value().equals("core.file.read-only")).toList();
    }

    private static DiagnosisResult diagnose(Path p) throws Exception {
        return Fixtures.engine(FakeDriver.chain()).diagnose(List.of(p), DiagnosisOptions.defaults(), Monitor.NONE);
    }

    @Test
    void noWriteBitForAnyoneIsInfoAndChangesNoExitCode() throws Exception {
        Path img = Fixtures.write(tmp.resolve("golden.img"), FakeDriver.chain().header());
        assertEquals(List.of(), readOnly(diagnose(img)), "0644: writable");
        Files.setPosixFilePermissions(img, PosixFilePermissions.fromString("r--r--r--"));
        DiagnosisResult r = diagnose(img);
        List<Finding> f = readOnly(r);
        assertEquals(1, f.size(), r::toString);
        assertEquals(Severity.INFO, f.get(0).severity());
        assertTrue(f.get(0).message().contains("no write permission for anyone (mode 0444)")
                && f.get(0).message().contains("VERR_VD_IMAGE_READ_ONLY"), f.get(0)::message);
        assertEquals(0, r.exitCode());
        Files.setPosixFilePermissions(img, PosixFilePermissions.fromString("r--r-----"));
        assertTrue(readOnly(diagnose(img)).get(0).message().contains("(mode 0440)"));
        Files.setPosixFilePermissions(img, PosixFilePermissions.fromString("r---w----"));
        assertEquals(List.of(), readOnly(diagnose(img)), "the group may write: not read-only for every VM");
    }

    @Test
    void aReadOnlyMountIsNamed() throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("ro"));
        Fixtures.run(List.of("mount", "-t", "tmpfs", "-o", "size=1m", "vdd-ro-test", mnt.toString()));
        try {
            Path img = Fixtures.write(mnt.resolve("disk.img"), FakeDriver.chain().header());
            assertEquals(List.of(), readOnly(diagnose(img)), "read-write mount");
            Fixtures.run(List.of("mount", "-o", "remount,ro", mnt.toString()));
            List<Finding> f = readOnly(diagnose(img));
            assertEquals(1, f.size());
            assertTrue(f.get(0).message().contains("mounted read-only"), f.get(0)::message);
        } finally {
            Fixtures.run(List.of("umount", mnt.toString()));
        }
    }

    @Test
    void aReadOnlyBackingFileIsNotReported() throws Exception {
        Path base = Fixtures.write(tmp.resolve("base.img"), FakeDriver.chain().header());
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("r--r--r--"));
        Path top = Fixtures.write(tmp.resolve("top.img"), FakeDriver.chain().header("parent=base.img"));
        DiagnosisResult r = diagnose(top);
        assertEquals(2, r.subjects().get(0).chain().size(), r::toString);
        assertEquals(List.of(), readOnly(r), "the read-only base is how backing files should be");
    }
}
