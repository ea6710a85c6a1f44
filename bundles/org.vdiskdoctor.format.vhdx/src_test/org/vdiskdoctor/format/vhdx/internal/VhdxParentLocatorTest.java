// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.format.vhdx.VhdxCodes;
import org.vdiskdoctor.testing.DriverRun;

/** Parent locators that cannot name a parent, or name it only by an absolute Windows path. */
class VhdxParentLocatorTest {

    static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private Path child(Map<String, String> kv) throws Exception {
        Path c = dir.resolve("child.avhdx");
        new VhdxWriter(8 * MIB, MIB).parent(kv).write(c);
        return c;
    }

    @Test
    void absolutePathOnlyFallsBackToTheFileNameNextToTheChild() throws Exception {
        VhdxFixture.create(dir, "base.vhdx", "8M");
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("parent_linkage", "{00000000-0000-0000-0000-000000000001}");
        kv.put("absolute_win32_path", "D:\\Hyper-V\\Disks\\base.vhdx");
        Path c = child(kv);
        DriverRun r = VhdxFixture.run(c);
        assertTrue(r.get(VhdxCodes.PARENT_ABSOLUTE_FALLBACK).message().contains("'base.vhdx' in the child's folder"),
                r::toString);
        assertEquals("base.vhdx", r.backing().orElseThrow().name());
        SubjectResult e = new DiagnosisEngine(List.of(new VhdxDriver()), List.of(), List.of(), VhdxFixture.catalog())
                .diagnoseImage(c, DiagnosisOptions.defaults(), Monitor.NONE);
        assertEquals(2, e.chain().size(), e.findings()::toString);
    }

    @Test
    void partiallyPresentBlockWithoutItsSectorBitmap() throws Exception {
        java.util.BitSet sectors = new java.util.BitSet();
        sectors.set(0);
        Path c = dir.resolve("child.avhdx");
        new VhdxWriter(8 * MIB, MIB).parent(Map.of("relative_path", "base.vhdx"))
                .partial(1, new byte[(int) MIB], sectors).write(c);
        // fault: the sector-bitmap entry of chunk 0 (BAT index 4096 = chunk ratio, at 2 MiB + 8 * 4096) cleared
        VhdxFixture.putLe64(c, VhdxFixture.BAT + 8 * 4096, 0);
        DriverRun r = VhdxFixture.run(c);
        assertTrue(r.get(VhdxCodes.BAT_BAD_STATE).message().contains("need the sector bitmap"), r::toString);
    }

    @Test
    void locatorWithoutAnyPath() throws Exception {
        Path c = child(Map.of("parent_linkage", "{00000000-0000-0000-0000-000000000001}"));
        DriverRun r = VhdxFixture.run(c);
        assertTrue(r.has(VhdxCodes.PARENT_PATH_MISSING), r::toString);
        assertTrue(r.backing().isEmpty());
    }

    @Test
    void hasParentWithoutLocatorItem() throws Exception {
        Path c = child(Map.of("relative_path", "base.vhdx"));
        // fault: the 6th metadata entry (Parent Locator, table offset 32 + 5 * 32) gets a zero GUID
        VhdxFixture.put(c, VhdxFixture.META + 32 + 5 * 32, new byte[16]);
        DriverRun r = VhdxFixture.run(c);
        assertTrue(r.get(VhdxCodes.PARENT_LOCATOR_MISSING).message().contains("HasParent"), r::toString);
        assertTrue(r.backing().isEmpty());
    }
}
