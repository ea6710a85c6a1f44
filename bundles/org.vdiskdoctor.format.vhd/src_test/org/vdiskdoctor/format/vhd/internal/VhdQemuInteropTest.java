// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.format.vhd.VhdCodes;
import org.vdiskdoctor.testing.DriverRun;

/**
 * What QEMU says about the same files. {@code qemu-img check} cannot check VHD (so there is no check text to compare
 * with); what QEMU does verify is checked while opening, so {@code qemu-img info} is compared with our verdict:
 * where QEMU refuses to open, we give an error with the same cause; where it opens, we give no error.
 */
class VhdQemuInteropTest {

    @TempDir
    Path dir;

    /** Runs qemu-img; returns exit code and text (no assertion on the exit code: it is part of the answer). */
    private Object[] qemuImg(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/qemu-img"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Object[] { p.exitValue(), out };
    }

    @Test
    void qemuImgCheckCannotCheckVhd() throws Exception {
        Path f = VhdFixture.create(dir, "d.vhd", "1M");
        Object[] r = qemuImg("check", "-f", "vpc", f.toString());
        assertTrue(r[1].toString().contains("This image format does not support checks"), r[1]::toString);
        assertEquals(63, r[0]);
    }

    private void sameVerdict(Path f, FindingCode code, String qemuSays) throws Exception {
        Object[] info = qemuImg("info", "-f", "vpc", f.toString());
        DriverRun ours = VhdFixture.run(f);
        assertTrue(ours.has(code), ours::toString);
        if (qemuSays == null) {
            assertTrue(info[1].toString().contains("file format: vpc"), info[1]::toString);
            assertTrue(ours.findings().stream().noneMatch(x -> x.severity() == Severity.ERROR
                    && !x.code().equals(code)), ours::toString);
        } else {
            assertTrue(info[1].toString().contains(qemuSays), info[1]::toString);
            assertEquals(Severity.ERROR, ours.get(code).severity());
        }
    }

    @Test
    void refusalsMatch() throws Exception {
        Path a = VhdFixture.create(dir, "a.vhd", "5M");
        VhdFixture.putByte(a, 100, 1); // fault: the footer copy at 0 changed, checksum not fixed
        sameVerdict(a, VhdCodes.FOOTER_BAD_CHECKSUM, "Incorrect header checksum");
        Path b = VhdFixture.create(dir, "b.vhd", "5M");
        VhdFixture.putInt(b, 512 + DynamicHeader.OFF_MAX_ENTRIES, 1); // fault: 1 table entry for 3 blocks
        VhdFixture.fixDynamic(b, 512);
        sameVerdict(b, VhdCodes.DYNHEADER_TABLE_TOO_SMALL, "Page table too small");
        Path c = VhdFixture.create(dir, "c.vhd", "5M");
        VhdFixture.putInt(c, 512 + DynamicHeader.OFF_BLOCK_SIZE, 3_000_000); // fault: not a power of two
        VhdFixture.fixDynamic(c, 512);
        sameVerdict(c, VhdCodes.DYNHEADER_BAD_BLOCK_SIZE, "Invalid block size 3000000");
    }

    @Test
    void whatQemuDoesNotCheckWeStillReport() throws Exception {
        Path f = VhdFixture.create(dir, "dyn.vhd", "5M");
        VhdFixture.putByte(f, 512 + 800, 1); // fault: a reserved dynamic header byte, checksum not fixed
        Object[] info = qemuImg("info", "-f", "vpc", f.toString());
        assertEquals(0, info[0], info[1]::toString);
        DriverRun r = VhdFixture.run(f);
        assertEquals(List.of(VhdCodes.DYNHEADER_BAD_CHECKSUM), r.codes(), r::toString);
    }
}
