// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.DiskProbe;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.format.vhd.VhdCodes;
import org.vdiskdoctor.testing.DriverRun;
import org.vdiskdoctor.testing.GuestCapture;

/**
 * Differencing disks (from {@link VhdWriter}) on a qemu-img parent, through the core engine: the engine follows the
 * W2ru / W2ku / Unicode name, compares the parent unique id and the sizes; the driver compares the time stamps.
 */
class VhdChainTest {

    @TempDir
    Path dir;

    private Path base;
    private byte[] baseId;
    private long baseTime;
    private long baseSize;

    private void base(String size) throws Exception {
        base = VhdFixture.create(dir, "base.vhd", size);
        VhdFixture.io(base, "write -P 0x5a 0 1m");
        try (var s = org.vdiskdoctor.core.io.ImageSource.open(base)) {
            baseId = new byte[16];
            s.read(Footer.OFF_UNIQUE_ID, 16).get(baseId);
            baseTime = Integer.toUnsignedLong(s.read(Footer.OFF_TIMESTAMP, 4).getInt());
            baseSize = s.read(Footer.OFF_CURRENT_SIZE, 8).getLong();
        }
    }

    private SubjectResult diagnose(Path image, DiskProbe... probes) throws Exception {
        DiagnosisEngine engine = new DiagnosisEngine(List.of(new VhdDriver()), List.of(probes), List.of(),
                VhdFixture.catalog());
        return engine.diagnoseImage(image, DiagnosisOptions.defaults().withDescribe(true), Monitor.NONE);
    }

    private VhdWriter child() {
        return new VhdWriter(baseSize, 1 << 21).parent(baseId, baseTime, "base.vhd").timestamp(baseTime + 10)
                .write(4096, VhdWriterTest.pattern(4096, 1));
    }

    @Test
    void relativeLocatorChainReadsThroughToTheQemuParent() throws Exception {
        base("4M");
        VhdWriter w = child().locator("W2ku", "C:\\vms\\base.vhd").locator("W2ru", ".\\base.vhd");
        Path c = w.writeTo(dir.resolve("child.vhd"));
        byte[] expected = w.model(VhdFixture.qemuGuest(base));
        GuestCapture reader = new GuestCapture(g -> {
            // one read of the whole disk
            byte[] b = new byte[(int) g.guestSize()];
            g.readGuest(0, java.nio.ByteBuffer.wrap(b));
            return b;
        });
        SubjectResult r = diagnose(c, reader);
        assertEquals(List.of(), r.findings());
        assertEquals(2, r.chain().size());
        assertEquals("base.vhd", r.chain().get(1).reference());
        assertEquals("vhd", r.chain().get(1).format());
        assertArrayEquals(expected, reader.bytes());
    }

    @Test
    void absolutePathOnlyIsLookedForBesideTheChild() throws Exception {
        base("4M");
        Path c = child().locator("W2ku", "D:\\Hyper-V\\disks\\base.vhd").writeTo(dir.resolve("abs.vhd"));
        SubjectResult r = diagnose(c);
        assertEquals(List.of(VhdCodes.PARENT_ABSOLUTE_PATH_ONLY), r.findings().stream().map(Finding::code).toList());
        assertEquals("base.vhd", r.chain().get(1).reference());
        assertTrue(r.chain().get(1).resolved());
    }

    @Test
    void unicodeNameIsTheLastResort() throws Exception {
        base("4M");
        Path c = child().writeTo(dir.resolve("uni.vhd")); // no locators at all
        SubjectResult r = diagnose(c);
        assertEquals(List.of(), r.findings());
        assertTrue(r.chain().get(1).resolved());
    }

    @Test
    void noNameAtAll() throws Exception {
        base("4M");
        // fault: no locators and an empty parent Unicode name
        Path c = new VhdWriter(baseSize, 1 << 21).parent(baseId, baseTime, "").writeTo(dir.resolve("anon.vhd"));
        DriverRun r = VhdFixture.run(c);
        assertEquals(List.of(VhdCodes.PARENT_NO_NAME), r.codes(), r::toString);
        assertTrue(r.backing().isEmpty());
    }

    @Test
    void invalidLocatorIsReportedAndTheNextOneUsed() throws Exception {
        base("4M");
        Path c = child().locator("W2ru", ".\\base.vhd").locator("W2ku", "C:\\base.vhd").writeTo(dir.resolve(
                "loc.vhd"));
        // fault: locator 0's data offset (at 512 + 576 + 16) far beyond the end of the file
        VhdFixture.putLong(c, 512 + 576 + 16, 1L << 40);
        VhdFixture.fixDynamic(c, 512);
        SubjectResult r = diagnose(c);
        assertEquals(List.of(VhdCodes.LOCATOR_INVALID, VhdCodes.PARENT_ABSOLUTE_PATH_ONLY), r.findings().stream()
                .map(Finding::code).toList());
        assertTrue(r.chain().get(1).resolved());
    }

    @Test
    void parentIdMismatchIsTheEnginesFinding() throws Exception {
        base("4M");
        byte[] other = baseId.clone();
        other[0] ^= 1; // fault: the child expects a parent whose id differs in one bit
        Path c = new VhdWriter(baseSize, 1 << 21).parent(other, baseTime, "base.vhd").writeTo(dir.resolve("id.vhd"));
        SubjectResult r = diagnose(c);
        assertEquals(List.of(CoreCodes.CHAIN_PARENT_ID_MISMATCH), r.findings().stream().map(Finding::code).toList());
        String m = r.findings().get(0).message();
        assertTrue(m.contains(HexFormat.of().formatHex(other)) && m.contains(HexFormat.of().formatHex(baseId)), m);
        assertEquals(Map.of("uniqueId", HexFormat.of().formatHex(other)), VhdFixture.run(c).backing().orElseThrow()
                .expectedParentIds());
    }

    @Test
    void parentSizeMismatchIsTheEnginesFinding() throws Exception {
        base("4M");
        // fault: a child 1 MiB larger than its parent
        Path c = new VhdWriter(baseSize + (1 << 20), 1 << 21).parent(baseId, baseTime, "base.vhd").writeTo(
                dir.resolve("big.vhd"));
        SubjectResult r = diagnose(c);
        assertEquals(List.of(CoreCodes.CHAIN_PARENT_SIZE_MISMATCH), r.findings().stream().map(Finding::code)
                .toList());
    }

    @Test
    void parentRewrittenAfterTheChildWasMade() throws Exception {
        base("4M");
        Path c = child().locator("W2ru", ".\\base.vhd").writeTo(dir.resolve("late.vhd"));
        // fault: the parent's footer time stamp (both copies, checksums fixed) an hour after what the child recorded
        VhdFixture.putFooterInt(base, Footer.OFF_TIMESTAMP, (int) (baseTime + 3600));
        SubjectResult r = diagnose(c);
        assertEquals(List.of(VhdCodes.PARENT_MODIFIED_AFTER_CHILD), r.findings().stream().map(Finding::code)
                .toList());
        Finding f = r.findings().get(0);
        assertEquals(2, f.evidence().size());
        assertEquals(c.toRealPath(), f.evidence().get(0).file().toRealPath());
    }
}
