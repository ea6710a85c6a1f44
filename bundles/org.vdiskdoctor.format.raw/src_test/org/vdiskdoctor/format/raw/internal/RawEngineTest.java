// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.raw.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.DiagnosisResult;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.core.spi.ProbeHeader;
import org.vdiskdoctor.testing.Repo;
import org.vdiskdoctor.testing.Tools;

/** The raw driver inside the engine: default severities, exit codes, and losing to any real format. */
class RawEngineTest {

    @TempDir
    Path tmp;

    /** Stands in for the QCOW2 driver: recognises the magic, nothing more. */
    static final class QcowMagicDriver implements FormatDriver {
        @Override
        public String id() {
            return "qcow2";
        }

        @Override
        public int score(ProbeHeader header) {
            return header.startsWith("QFI\u00fb".getBytes(StandardCharsets.ISO_8859_1)) ? SCORE_LIKELY : 0;
        }

        @Override
        public OpenedImage open(ImageSource source, FindingSink sink, Monitor monitor) {
            return new OpenedImage() {
                @Override
                public String format() {
                    return "qcow2";
                }

                @Override
                public ImageSource source() {
                    return source;
                }

                @Override
                public long virtualSize() {
                    return -1;
                }

                @Override
                public void check(FindingSink s, Monitor m) {
                }

                @Override
                public StructureNode describe() {
                    return StructureNode.node("qcow2").build();
                }
            };
        }
    }

    private DiagnosisResult diagnose(List<FormatDriver> drivers, Path... inputs) throws IOException {
        return new DiagnosisEngine(drivers, List.of(), List.of(), RawFixtures.catalog())
                .diagnose(List.of(inputs), DiagnosisOptions.defaults().withDescribe(true), Monitor.NONE);
    }

    @Test
    void unalignedRawIsAWarningAndExitsThree() throws Exception {
        Path odd = RawFixtures.truncate(tmp.resolve("odd.img"), 1000);
        DiagnosisResult r = diagnose(List.of(new RawDriver()), odd);
        SubjectResult s = r.subjects().get(0);
        assertEquals("raw", s.format());
        assertEquals(1000, s.virtualSize());
        assertEquals(1000, s.fileSize());
        assertEquals(List.of(RawCodes.SIZE_UNALIGNED), s.findings().stream().map(f -> f.code()).toList());
        assertEquals(Severity.WARNING, s.findings().get(0).severity(), "default severity from the raw catalog");
        assertEquals(3, r.exitCode());
        assertEquals("1000", s.structure().find("size").value());
    }

    @Test
    void tooSmallRawIsAnErrorAndExitsTwo() throws Exception {
        DiagnosisResult r = diagnose(List.of(new RawDriver()), RawFixtures.truncate(tmp.resolve("t.img"), 100));
        assertEquals(Severity.ERROR, r.subjects().get(0).findings().get(0).severity());
        assertEquals(2, r.exitCode());
    }

    @Test
    void cleanRawExitsZero() throws Exception {
        DiagnosisResult r = diagnose(List.of(new RawDriver()), RawFixtures.qemuImgRaw(tmp.resolve("d.img"), "1M"));
        assertEquals(List.of(), r.subjects().get(0).findings());
        assertEquals(0, r.exitCode());
    }

    @Test
    void emptyFileIsCoreEmptyNotRaw() throws Exception {
        DiagnosisResult r = diagnose(List.of(new RawDriver()), Files.createFile(tmp.resolve("e.img")));
        assertEquals("core.file.empty", r.subjects().get(0).findings().get(0).code().value());
    }

    @Test
    void rawLosesToAnyFormatThatRecognisesTheFile() throws Exception {
        Path qcow = tmp.resolve("d.qcow2");
        Tools.run("qemu-img", "create", "-q", "-f", "qcow2", qcow.toString(), "1M");
        // whatever order the services arrive in
        assertEquals("qcow2", diagnose(List.of(new RawDriver(), new QcowMagicDriver()), qcow).subjects().get(0)
                .format());
        assertEquals("qcow2", diagnose(List.of(new QcowMagicDriver(), new RawDriver()), qcow).subjects().get(0)
                .format());
        // with no QCOW2 driver installed, the file is still readable as raw
        assertEquals("raw", diagnose(List.of(new RawDriver()), qcow).subjects().get(0).format());
    }

    @Test
    void aFolderScanDoesNotTakeEveryFileForARawDisk() throws Exception {
        Path vm = Files.createDirectories(tmp.resolve("vm"));
        RawFixtures.qemuImgRaw(vm.resolve("disk.img"), "1M");
        Files.writeString(vm.resolve("vm.log"), "boot ok\n");
        DiagnosisResult r = diagnose(List.of(new RawDriver()), vm);
        assertEquals(List.of(vm.resolve("disk.img")), r.subjects().stream().map(SubjectResult::path).toList());
    }

    @Test
    void componentDescriptorAdvertisesTheFormat() throws IOException {
        // tycho-ds-plugin generates it from the @Component annotation before the tests run
        Path xml = Repo.root().resolve("bundles/org.vdiskdoctor.format.raw/target/classes/OSGI-INF/"
                + RawDriver.class.getName() + ".xml");
        String ds = Files.readString(xml);
        assertTrue(ds.contains("interface=\"" + FormatDriver.class.getName() + "\""), ds);
        assertTrue(ds.matches("(?s).*<property name=\"" + FormatDriver.FORMAT_PROPERTY.replace(".", "\\.")
                + "\"[^>]*value=\"raw\".*"), ds);
    }
}
