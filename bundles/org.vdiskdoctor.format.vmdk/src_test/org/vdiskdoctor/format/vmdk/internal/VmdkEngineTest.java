// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.DiskProbe;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.testing.GuestCapture;

/**
 * The driver inside the core engine (no OSGi): delta disks made by {@code qemu-img create -b}, whose parent the
 * engine opens from parentFileNameHint, links by CID and size, and hands back for reads that fall through.
 */
class VmdkEngineTest {

    @TempDir
    Path dir;

    private SubjectResult diagnose(Path image, DiskProbe... probes) throws Exception {
        DiagnosisEngine engine = new DiagnosisEngine(List.of(new VmdkDriver()), List.of(probes), List.of(),
                VmdkFixture.catalog());
        return engine.diagnoseImage(image, DiagnosisOptions.defaults().withDescribe(true), Monitor.NONE);
    }

    private Path child(String name, String parent) throws Exception {
        VmdkFixture.qemuImg(dir, "create", "-q", "-f", "vmdk", "-b", parent, "-F", "vmdk", name);
        return dir.resolve(name);
    }

    @Test
    void deltaReadsFallThroughToTheParentLikeQemu() throws Exception {
        VmdkFixture.sparse(dir, "base.vmdk");
        Path top = child("top.vmdk", "base.vmdk");
        VmdkFixture.io(top, "write -q -P 0x7b 100k 10k");
        byte[] expected = VmdkGuestReadTest.qemuGuest(top);
        GuestCapture reader = new GuestCapture(g -> VmdkGuestReadTest.readAll(g, 65536 + 7));
        SubjectResult r = diagnose(top, reader);
        assertEquals(List.of(), r.findings());
        assertEquals(2, r.chain().size());
        assertEquals("vmdk", r.chain().get(1).format());
        assertNotNull(r.structure());
        assertNotNull(reader.bytes(), "the probe ran");
        VmdkGuestReadTest.assertSame(expected, reader.bytes(), "delta read through the engine");
    }

    @Test
    void parentWrittenAfterTheChildWasMadeIsACidMismatch() throws Exception {
        VmdkFixture.sparse(dir, "base.vmdk");
        Path top = child("top.vmdk", "base.vmdk");
        // fault: a write to the parent changes its CID (QEMU and VMware do this on the first write after open)
        VmdkFixture.io(dir.resolve("base.vmdk"), "write -q -P 0x01 0 512");
        SubjectResult r = diagnose(top);
        assertTrue(r.has(CoreCodes.CHAIN_PARENT_ID_MISMATCH), r.findings()::toString);
    }

    @Test
    void parentOfAnotherSizeIsASizeMismatch() throws Exception {
        VmdkFixture.sparse(dir, "base.vmdk");
        Path top = child("top.vmdk", "base.vmdk");
        VmdkFixture.create(dir, "big.vmdk", "monolithicSparse", "4M");
        String bigCid = new VmdkFixture.Cid(dir.resolve("big.vmdk")).value();
        String baseCid = new VmdkFixture.Cid(dir.resolve("base.vmdk")).value();
        // fault: the child now names a 4 MiB parent (with that parent's CID, so only the size differs)
        VmdkFixture.replaceText(top, "parentFileNameHint=\"base.vmdk\"", "parentFileNameHint=\"big.vmdk\"");
        VmdkFixture.replaceText(top, "parentCID=" + baseCid, "parentCID=" + bigCid);
        SubjectResult r = diagnose(top);
        assertTrue(r.has(CoreCodes.CHAIN_PARENT_SIZE_MISMATCH), r.findings()::toString);
        assertTrue(!r.has(CoreCodes.CHAIN_PARENT_ID_MISMATCH), r.findings()::toString);
    }
}
