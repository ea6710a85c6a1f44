// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.format.vmdk.VmdkCodes;
import org.vdiskdoctor.testing.DriverRun;

/** streamOptimized: VMware-style streams with markers and footer (test-side writer), and qemu-img's own. */
class VmdkStreamTest {

    @TempDir
    Path dir;

    private static byte[] guest() {
        byte[] g = new byte[4 << 20];
        Arrays.fill(g, 0, 65536, (byte) 0xab);
        for (int i = 0; i < 70000; i++) g[1_000_000 + i] = (byte) (i * 31 + (i >> 9));
        Arrays.fill(g, g.length - 512, g.length, (byte) 0x5c);
        return g;
    }

    /** A VMware-style stream, proven by qemu-img compare against the raw bytes it was written from. */
    private Path vmwareStream(String name) throws Exception {
        byte[] g = guest();
        Path f = dir.resolve(name);
        StreamWriter.write(f, g);
        Files.write(dir.resolve(name + ".raw"), g);
        String out = VmdkFixture.qemuImg(dir, "compare", "-f", "vmdk", "-F", "raw", name, name + ".raw");
        assertTrue(out.contains("Images are identical"), out);
        return f;
    }

    @Test
    void vmwareStyleStreamIsCleanAndReadsLikeQemu() throws Exception {
        Path f = vmwareStream("vmware.vmdk");
        DriverRun r = VmdkFixture.run(f);
        assertEquals(java.util.List.of(), r.findings(), r::toString);
        assertTrue(r.structure().find("extents", "extent", "footer") != null, "the footer is described");
        VmdkGuestReadTest.assertReadsLikeQemu(f, "VMware-style stream");
    }

    @Test
    void streamCutBeforeItsFooter() throws Exception {
        Path f = vmwareStream("cut.vmdk");
        VmdkFixture.truncate(f, Files.size(f) - 1536); // fault: footer marker, footer and EOS lost (cut download)
        DriverRun r = VmdkFixture.run(f);
        assertTrue(r.has(VmdkCodes.STREAM_FOOTER_INVALID), r::toString);
        assertFalse(r.guestReader());
    }

    @Test
    void grainMarkerNamesAnotherSector() throws Exception {
        Path f = VmdkFixture.create(dir, "q.vmdk", "streamOptimized", "3M", "write -q -P 0xab 0 64k");
        long grain = VmdkFixture.le32(f, VmdkFixture.firstGte(f)) * 512;
        VmdkFixture.putLe64(f, grain, 5); // fault: the marker of grain 0 says guest sector 5
        DriverRun r = VmdkFixture.run(f);
        assertTrue(r.get(VmdkCodes.STREAM_GRAIN_INVALID).message().contains("says guest sector 5"), r::toString);
    }
}
