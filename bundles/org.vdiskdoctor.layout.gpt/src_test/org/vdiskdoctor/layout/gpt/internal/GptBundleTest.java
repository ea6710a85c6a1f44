// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.DiagnosisResult;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.catalog.CatalogEntry;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.DiskProbe;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.format.raw.internal.RawDriver;
import org.vdiskdoctor.layout.gpt.GptCodes;

/** The bundle as the product sees it: its catalog, its DS descriptor, and the probe inside the engine. */
class GptBundleTest {

    @TempDir
    Path tmp;

    @Test
    void catalogAndCodeConstantsMatch() throws Exception {
        Set<FindingCode> constants = new TreeSet<>();
        for (Field f : GptCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == FindingCode.class) {
                constants.add((FindingCode) f.get(null));
            }
        }
        Set<FindingCode> declared = new TreeSet<>();
        for (CatalogEntry e : GptFixture.catalog().entries()) {
            if (e.code().domain().equals("gpt")) declared.add(e.code());
        }
        assertEquals(constants, declared);
        for (CatalogEntry e : GptFixture.catalog().entries()) {
            if (!e.code().domain().equals("gpt")) continue;
            assertTrue(e.explanation().length() > 100, () -> e.code() + ": explanation too short to help");
        }
    }

    @Test
    void componentDescriptorAdvertisesTheProbe() throws Exception {
        // tycho-ds-plugin generates it from the @Component annotation before the tests run
        Path xml = GptFixture.repo().resolve("bundles/org.vdiskdoctor.layout.gpt/target/classes/OSGI-INF/"
                + GptProbe.class.getName() + ".xml");
        String ds = Files.readString(xml);
        assertTrue(ds.contains("interface=\"" + DiskProbe.class.getName() + "\""), ds);
        assertTrue(ds.matches("(?s).*<property name=\"" + DiskProbe.ID_PROPERTY.replace(".", "\\.")
                + "\"[^>]*value=\"layout.gpt\".*"), ds);
        assertEquals("layout.gpt", new GptProbe().id());
    }

    private static DiagnosisResult diagnose(Path... images) throws Exception {
        return new DiagnosisEngine(List.of(new RawDriver()), List.of(new GptProbe()), List.of(), GptFixture.catalog())
                .diagnose(List.of(images), DiagnosisOptions.defaults(), Monitor.NONE);
    }

    @Test
    void throughTheEngineOnTheRawDriver() throws Exception {
        Path ok = GptFixture.healthy(tmp, "ok.img");
        Path blank = tmp.resolve("blank.img");
        GptFixture.run("qemu-img", "create", "-q", "-f", "raw", blank.toString(), "1M");
        DiagnosisResult r = diagnose(ok, blank);
        SubjectResult healthy = r.subjects().get(0);
        assertEquals("raw", healthy.format());
        assertEquals(List.of(GptCodes.PARTITION_OFFSETS), healthy.findings().stream().map(f -> f.code()).toList());
        assertEquals(Severity.INFO, healthy.findings().get(0).severity(), "default severity from the catalog");
        assertEquals(List.of(), r.subjects().get(1).findings(), "an all-zero disk (like samples/blank.img) is clean");
        assertEquals(0, r.exitCode());
        GptFixture.run("truncate", "-s", "52M", ok.toString());
        DiagnosisResult broken = diagnose(ok);
        assertFalse(broken.subjects().get(0).findings().stream().allMatch(f -> f.severity() == Severity.INFO));
        assertEquals(2, broken.exitCode());
    }
}
