// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.DiskProbe;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.format.vdi.VdiCodes;
import org.vdiskdoctor.testing.GuestCapture;
import org.vdiskdoctor.testing.GuestReads;

/** The driver inside the core engine (no OSGi): the engine follows the chain from what backing() says. */
class VdiEngineTest {

    @TempDir
    Path dir;

    private SubjectResult diagnose(Path image, DiskProbe... probes) throws Exception {
        DiagnosisEngine engine = new DiagnosisEngine(List.of(new VdiDriver()), List.of(probes), List.of(),
                VdiFixture.catalog());
        return engine.diagnoseImage(image, DiagnosisOptions.defaults().withDescribe(true)
                .withAllowed(List.of(dir), false), Monitor.NONE);
    }

    @Test
    void snapshotChainIsFollowedAndProbesReadThroughIt() throws Exception {
        Path vm = Files.createDirectories(dir.resolve("VM"));
        Path snaps = Files.createDirectories(vm.resolve("Snapshots"));
        VdiWriter b = VdiChainTest.base();
        b.write(vm.resolve("base.vdi"));
        VdiWriter c = VdiChainTest.child(b);
        Path top = c.write(snaps.resolve("{" + c.create + "}.vdi"));
        GuestCapture reader = GuestCapture.inChunks(65536 + 7);
        SubjectResult r = diagnose(top, reader);
        assertEquals(List.of(), r.findings());
        assertEquals("vdi", r.format());
        assertEquals(2, r.chain().size());
        assertEquals(vm.resolve("base.vdi").toRealPath(), r.chain().get(1).path());
        assertNotNull(r.structure());
        assertNotNull(reader.bytes(), "the probe ran");
        GuestReads.assertSameGuest(c.guest(b.guest(null)), reader.bytes(),
                "snapshot read by a probe through the engine");
    }

    @Test
    void parentModifiedAfterTheSnapshotIsAnIdMismatch() throws Exception {
        VdiWriter b = VdiChainTest.base();
        b.write(dir.resolve("base.vdi"));
        VdiWriter c = VdiChainTest.child(b);
        c.parentModify = UUID.randomUUID(); // the parent was written to after the child was made
        SubjectResult r = diagnose(c.write(dir.resolve("child.vdi")));
        assertTrue(r.has(CoreCodes.CHAIN_PARENT_ID_MISMATCH), r.findings()::toString);
        assertTrue(r.findings().toString().contains("uuidModify"), r.findings()::toString);
    }

    @Test
    void parentOfAnotherSizeIsASizeMismatch() throws Exception {
        VdiWriter b = VdiChainTest.base();
        b.write(dir.resolve("base.vdi"));
        VdiWriter c = new VdiWriter(4 << 20); // the child is 4 MiB, its parent 3 MiB
        c.type = VdiHeader.TYPE_DIFF;
        c.linkage = b.create;
        c.parentModify = b.modify;
        SubjectResult r = diagnose(c.write(dir.resolve("child.vdi")));
        assertTrue(r.has(CoreCodes.CHAIN_PARENT_SIZE_MISMATCH), r.findings()::toString);
    }

    @Test
    void missingParentIsTheDriversFindingAndProbesDoNotRun() throws Exception {
        VdiWriter c = VdiChainTest.child(VdiChainTest.base());
        GuestCapture reader = GuestCapture.inChunks(65536);
        SubjectResult r = diagnose(c.write(dir.resolve("orphan.vdi")), reader);
        // only the driver's finding: no read errors echoed by probes that would read unwritten blocks
        assertEquals(List.of(VdiCodes.CHAIN_PARENT_NOT_FOUND), r.findings().stream().map(f -> f.code()).toList(),
                r.findings()::toString);
        assertEquals(2, r.chain().size(), "the chain ends in an unresolved parent");
        assertFalse(r.chain().get(1).resolved());
        String ref = r.chain().get(1).reference();
        assertTrue(ref.startsWith("parent with UUID "), ref);
        assertTrue(r.findings().get(0).message().contains(ref.substring("parent with ".length())), ref);
        assertFalse(reader.ran(), "probes do not run on a disk whose parent is missing");
    }
}
