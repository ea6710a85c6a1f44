// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.DiskProbe;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.format.vhdx.VhdxCodes;
import org.vdiskdoctor.testing.DriverRun;
import org.vdiskdoctor.testing.GuestCapture;

/**
 * Differencing images through the core engine (no OSGi). qemu-img cannot create or open a differencing VHDX, so
 * the parent comes from qemu-img and the child from the test-side {@link VhdxWriter}; the expected guest content is
 * the parent's {@code qemu-img convert} output with the child's sectors laid over it.
 */
class VhdxChainTest {

    static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    /** An 8 MiB parent with 1 MiB blocks and data in blocks 0, 2 and 3; returns its DataWriteGuid. */
    private String parent(String name, String size) throws Exception {
        Path p = VhdxFixture.create(dir, name, size, "-o", "block_size=1M");
        VhdxFixture.qemuIo(p, "write -P 0x11 0 1M", "write -P 0x22 2M 2M");
        return VhdxFixture.run(p).structure().find("header 2", "DataWriteGuid").value();
    }

    private static Map<String, String> locator(String linkage, String relative, String absolute) {
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("parent_linkage", linkage);
        if (relative != null) kv.put("relative_path", relative);
        kv.put("volume_path", "\\\\?\\Volume{26A21BDA-A627-11D7-9931-806E6F6E6963}\\VMs\\base.vhdx");
        if (absolute != null) kv.put("absolute_win32_path", absolute);
        return kv;
    }

    /** A child over base.vhdx: block 3 its own, block 0 partly (sectors 8..15 of it), block 5 ZERO. */
    private Path child(String name, long size, Map<String, String> kv) throws IOException {
        byte[] own = new byte[MIB];
        Arrays.fill(own, (byte) 0x77);
        byte[] partial = new byte[MIB];
        Arrays.fill(partial, (byte) 0x99);
        BitSet sectors = new BitSet();
        sectors.set(8, 16);
        Path c = dir.resolve(name);
        new VhdxWriter(size, MIB).parent(kv).block(3, own).partial(0, partial, sectors).state(5, Bat.ZERO).write(c);
        return c;
    }

    private SubjectResult diagnose(Path image, DiskProbe... probes) throws Exception {
        DiagnosisEngine engine = new DiagnosisEngine(List.of(new VhdxDriver()), List.of(probes), List.of(),
                VhdxFixture.catalog());
        return engine.diagnoseImage(image, DiagnosisOptions.defaults().withDescribe(true), Monitor.NONE);
    }

    @Test
    void childReadsThroughItsParentLikeTheSpecSays() throws Exception {
        String guid = parent("base.vhdx", "8M");
        Path c = child("child.avhdx", 8L * MIB, locator(guid.toLowerCase(), ".\\base.vhdx", "C:\\VMs\\base.vhdx"));
        byte[] expected = VhdxFixture.qemuRaw(dir.resolve("base.vhdx"));
        Arrays.fill(expected, 3 * MIB, 4 * MIB, (byte) 0x77);
        Arrays.fill(expected, 8 * 512, 16 * 512, (byte) 0x99);
        Arrays.fill(expected, 5 * MIB, 6 * MIB, (byte) 0);
        GuestCapture reader = new GuestCapture(g -> VhdxFixture.readAll(g, 300_001));
        SubjectResult r = diagnose(c, reader);
        assertEquals(List.of(), r.findings());
        assertEquals(2, r.chain().size());
        assertEquals(dir.resolve("base.vhdx").toRealPath(), r.chain().get(1).path());
        assertNotNull(reader.bytes(), "the probe ran");
        assertArrayEquals(expected, reader.bytes());
        DriverRun own = VhdxFixture.run(c);
        assertEquals("./base.vhdx", own.backing().orElseThrow().name()); // Windows ".\\base.vhdx"
        assertEquals(Map.of("dataWriteGuid", guid), own.backing().orElseThrow().expectedParentIds());
        assertEquals("1", own.structure().find("BAT", "PARTIALLY_PRESENT").value());
        Object[] q = VhdxFixture.qemuCheck(c); // QEMU has no differencing VHDX support
        assertTrue(q[1].toString().contains("Operation not supported"), q[1]::toString);
    }

    @Test
    void wrongLinkageIsTheEnginesParentIdMismatch() throws Exception {
        parent("base.vhdx", "8M");
        Path c = child("child.avhdx", 8L * MIB, locator("{00000000-1111-2222-3333-444444444444}", "base.vhdx", null));
        SubjectResult r = diagnose(c);
        assertTrue(r.has(CoreCodes.CHAIN_PARENT_ID_MISMATCH), r.findings()::toString);
    }

    @Test
    void parentOfAnotherSizeIsTheEnginesSizeMismatch() throws Exception {
        String guid = parent("base.vhdx", "8M");
        Path c = child("child.avhdx", 16L * MIB, locator(guid, "base.vhdx", null));
        SubjectResult r = diagnose(c);
        assertTrue(r.has(CoreCodes.CHAIN_PARENT_SIZE_MISMATCH), r.findings()::toString);
        assertFalse(r.has(CoreCodes.CHAIN_PARENT_ID_MISMATCH), r.findings()::toString);
    }

    @Test
    void aDifferencingDiskRenamedToVhdxSaysWhatItIs() throws Exception {
        String guid = parent("base.vhdx", "8M");
        Path c = child("checkpoint-renamed.vhdx", 8L * MIB, locator(guid, "base.vhdx", null));
        SubjectResult r = diagnose(c);
        assertEquals(List.of(VhdxCodes.DIFFERENCING_NAMED_VHDX), r.findings().stream().map(f -> f.code()).toList());
        assertTrue(r.findings().get(0).message().contains("Merge-VHD"), r.findings()::toString);
        Files.move(c, dir.resolve("checkpoint.avhdx"));
        assertEquals(List.of(), diagnose(dir.resolve("checkpoint.avhdx")).findings(), "named as Hyper-V names it");
        assertEquals(List.of(), diagnose(dir.resolve("base.vhdx")).findings(), "a base disk");
    }
}
