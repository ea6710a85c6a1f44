// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.firstGte;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.le32;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.le64;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.putByte;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.putLe32;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.format.vmdk.VmdkCodes;
import org.vdiskdoctor.testing.DriverRun;

/**
 * Grain placement and compressed grains without inflation: grains off the grain grid, compressed grains running into
 * the next grain or into metadata, damaged zlib headers, and damaged deflate data, which only a deep check finds.
 * qemu-img writes streamOptimized grains one per sector from sector 128 (overhead) when each compresses below 500
 * bytes, as the patterns here do.
 */
class VmdkGrainChecksTest {

    @TempDir
    Path dir;

    private static String qemuCheck(Path f) throws Exception {
        return (String) VmdkFixture.exec(f.getParent(), List.of(VmdkFixture.QEMU_IMG, "check", "-f", "vmdk",
                f.getFileName().toString()))[1];
    }

    private Path stream(String name) throws Exception {
        return VmdkFixture.create(dir, name, "streamOptimized", "3M", "write -q -P 0xab 0 128k");
    }

    @Test
    void grainOffTheGrainGrid() throws Exception {
        Path f = VmdkFixture.sparse(dir, "grid.vmdk");
        long gte = firstGte(f);
        long rgte = le32(f, le64(f, SparseHeader.OFF_RGD) * 512) * 512;
        // fault: GTE 0 and its redundant copy moved 8 sectors into the grain (one flipped bit, 0x8, in both)
        putLe32(f, gte, le32(f, gte) + 8);
        putLe32(f, rgte, le32(f, rgte) + 8);
        DriverRun r = run(f);
        assertEquals(List.of(VmdkCodes.GT_GRAIN_MISALIGNED), r.codes(), r::toString);
        assertTrue(qemuCheck(f).contains("No errors"), "qemu-img check does not look at grain alignment");
    }

    @Test
    void compressedGrainRunsIntoTheNextGrain() throws Exception {
        Path f = stream("overlap.vmdk");
        long g0 = le32(f, firstGte(f)) * 512;
        assertEquals(g0 + 512, le32(f, firstGte(f) + 4) * 512, "qemu-img put grain 1 right after grain 0");
        putLe32(f, g0 + 8, 600); // fault: grain 0's marker says 600 bytes: 612 with the marker, into grain 1
        DriverRun r = run(f);
        assertEquals(List.of(VmdkCodes.STREAM_GRAINS_OVERLAP), r.codes(), r::toString);
        assertTrue(qemuCheck(f).contains("No errors"), "qemu-img check reads only the grain tables");
    }

    @Test
    void compressedGrainRunsIntoAGrainTableMarker() throws Exception {
        byte[] g = new byte[4 << 20];
        Arrays.fill(g, g.length - 512, g.length, (byte) 0x5c);
        Path f = dir.resolve("meta.vmdk");
        StreamWriter.write(f, g); // one grain (the last), then the GT marker, the GT, GD marker, GD, footer, EOS
        long footer = Files.size(f) - 1024;
        long gt = le32(f, le64(f, footer + SparseHeader.OFF_GD) * 512);
        long grain = le32(f, gt * 512 + 63 * 4) * 512;
        assertEquals(gt * 512 - 1024, grain, "the writer put the GT marker right after the grain");
        putLe32(f, grain + 8, 1000); // fault: the grain's size runs over its sector into the GT marker
        DriverRun r = run(f);
        assertEquals(List.of(VmdkCodes.GT_GRAIN_OVERLAPS_METADATA), r.codes(), r::toString);
    }

    @Test
    void damagedZlibHeaderIsFoundWithoutInflating() throws Exception {
        Path f = stream("zlib.vmdk");
        long g0 = le32(f, firstGte(f)) * 512;
        putByte(f, g0 + 12, 0x00); // fault: the zlib header's CMF byte (0x78: deflate, 32 KiB window) zeroed
        DriverRun r = run(f);
        assertTrue(r.get(VmdkCodes.STREAM_GRAIN_INVALID).message().contains("zlib header"), r::toString);
    }

    @Test
    void damagedDeflateDataOnlyADeepCheckFinds() throws Exception {
        Path f = stream("deflate.vmdk");
        long g0 = le32(f, firstGte(f)) * 512;
        putByte(f, g0 + 14, 0xff); // fault: first deflate block header: BFINAL 1, BTYPE 11 (reserved, invalid)
        assertEquals(List.of(), run(f).findings(), "the default check reads markers only");
        DriverRun deep = run(f, DeepCheck.in(dir));
        assertEquals(List.of(VmdkCodes.STREAM_GRAIN_INVALID), deep.codes(), deep::toString);
        assertTrue(deep.findings().get(0).message().contains("is damaged"), deep::toString);
        // the engine hands the user's deep-check choice to the driver
        DiagnosisEngine engine = new DiagnosisEngine(List.of(new VmdkDriver()), List.of(), List.of(),
                VmdkFixture.catalog());
        DiagnosisOptions options = DiagnosisOptions.defaults();
        assertFalse(engine.diagnoseImage(f, options, Monitor.NONE).has(VmdkCodes.STREAM_GRAIN_INVALID));
        assertTrue(engine.diagnoseImage(f, options.withDeepCheck(DeepCheck.in(dir)), Monitor.NONE)
                .has(VmdkCodes.STREAM_GRAIN_INVALID));
    }
}
