// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.create;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.ChainLink;
import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;
import org.vdiskdoctor.testing.GuestCapture;
import org.vdiskdoctor.testing.GuestReads;

/** The driver inside the core engine (no OSGi): the engine follows the chain from what backing() says. */
class Qcow2EngineTest {

    @TempDir
    Path dir;

    private SubjectResult diagnose(Path image) throws Exception {
        DiagnosisEngine engine = new DiagnosisEngine(List.of(new Qcow2Driver()), List.of(), List.of(),
                Qcow2Fixture.catalog());
        return engine.diagnoseImage(image, DiagnosisOptions.defaults().withDescribe(true), Monitor.NONE);
    }

    @Test
    void chainOfTwoQcow2Images() throws Exception {
        create(dir, "base.qcow2");
        SubjectResult r = diagnose(create(dir, "child.qcow2", "-b", "base.qcow2", "-F", "qcow2"));
        assertEquals(List.of(), r.findings());
        assertEquals("qcow2", r.format());
        assertEquals(1 << 20, r.virtualSize());
        assertNotNull(r.structure());
        assertEquals(2, r.chain().size());
        ChainLink parent = r.chain().get(1);
        assertEquals("base.qcow2", parent.reference());
        assertEquals("qcow2", parent.format());
        assertEquals(dir.resolve("base.qcow2").toRealPath(), parent.path());
    }

    @Test
    void missingParentAndFormatMismatchAreTheEnginesFindings() throws Exception {
        Path child = create(dir, "orphan.qcow2", "-u", "-b", "gone.qcow2", "-F", "qcow2");
        assertTrue(diagnose(child).has(CoreCodes.CHAIN_BACKING_MISSING));
        create(dir, "base.qcow2");
        Path liar = create(dir, "liar.qcow2", "-u", "-b", "base.qcow2", "-F", "raw"); // says raw, is qcow2
        assertTrue(diagnose(liar).has(CoreCodes.CHAIN_FORMAT_MISMATCH));
    }

    @Test
    void probesReadGuestDataThroughTheChainTheEngineOpened() throws Exception {
        Path base = GuestFixture.create(dir, "base.qcow2", "2M");
        GuestFixture.io(base, "write -P 0x5a 0 2M");
        Path top = GuestFixture.create(dir, "top.qcow2", "2M", "-b", "base.qcow2", "-F", "qcow2");
        GuestFixture.io(top, "write -P 0x7b 100k 10k");
        byte[] expected = GuestFixture.qemuGuest(top);
        GuestCapture reader = GuestCapture.inChunks(65536 + 7);
        DiagnosisEngine engine = new DiagnosisEngine(List.of(new Qcow2Driver()), List.of(reader), List.of(),
                Qcow2Fixture.catalog());
        SubjectResult r = engine.diagnoseImage(top, DiagnosisOptions.defaults(), Monitor.NONE);
        assertEquals(List.of(), r.findings());
        assertNotNull(reader.bytes(), "the probe ran");
        GuestReads.assertSameGuest(expected, reader.bytes(), "overlay read by a probe through the engine");
    }

    @Test
    void zeroedMagicIsDiagnosedAsQcow2NotRaw() throws Exception {
        Path f = create(dir, "zeroed.qcow2");
        Qcow2Fixture.putInt(f, 0, 0); // fault: magic zeroed
        SubjectResult r = diagnose(f);
        assertEquals("qcow2", r.format());
        assertTrue(r.has(Qcow2Codes.HEADER_BAD_MAGIC));
        assertTrue(Files.exists(f));
    }
}
