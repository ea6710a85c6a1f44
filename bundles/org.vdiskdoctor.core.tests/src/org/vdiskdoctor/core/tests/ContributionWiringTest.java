// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.core.catalog.CatalogService;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.engine.DiagnosisService;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.Monitor;

/** In a real OSGi framework with SCR: contributions arrive as DS services, the catalog needs no activation. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContributionWiringTest {

    private static final String EXAMPLE = "org.vdiskdoctor.example.blankdisk";

    private static <T> T service(Class<T> type) throws InterruptedException {
        BundleContext bc = FrameworkUtil.getBundle(ContributionWiringTest.class).getBundleContext();
        ServiceTracker<T, T> t = new ServiceTracker<>(bc, type, null);
        t.open();
        T s = t.waitForService(20_000);
        assertNotNull(s, type.getSimpleName() + " service (is SCR started?)");
        return s;
    }

    private static Bundle bundle(String bsn) {
        for (Bundle b : FrameworkUtil.getBundle(ContributionWiringTest.class).getBundleContext().getBundles()) {
            if (b.getSymbolicName().equals(bsn)) return b;
        }
        throw new AssertionError("bundle " + bsn + " is not installed");
    }

    @Test
    @Order(1) // before any test that makes the engine use the example's probe (which activates its bundle)
    void catalogListsCodesOfBundlesWhoseCodeNeverRan() throws Exception {
        CatalogService catalog = service(CatalogService.class);
        Bundle example = bundle(EXAMPLE);
        assertNotEquals(Bundle.ACTIVE, example.getState(), "the example bundle must not be activated yet");
        assertTrue(catalog.catalog().contains(FindingCode.of("example.guest.blank")));
        assertTrue(catalog.catalog().contains(FindingCode.of("core.chain.cycle")));
        assertTrue(catalog.catalog().entries().stream().anyMatch(e -> e.code().domain().equals("qcow2")));
        assertNotEquals(Bundle.ACTIVE, example.getState(), "reading the catalog activated the example bundle");
    }

    @Test
    void engineServiceSeesEveryContributedFormat() throws Exception {
        DiagnosisEngine engine = service(DiagnosisService.class).engine();
        Set<String> ids = engine.drivers().stream().map(FormatDriver::id).collect(Collectors.toSet());
        assertTrue(ids.containsAll(Set.of("qcow2", "raw", "vdi")), "drivers: " + ids);
    }

    @Test
    void contributedProbeRunsThroughTheEngine(@TempDir Path tmp) throws Exception {
        Path blank = tmp.resolve("blank.img");
        Files.write(blank, new byte[2 << 20]);
        DiagnosisEngine engine = service(DiagnosisService.class).engine();
        SubjectResult r = engine.diagnose(List.of(blank), DiagnosisOptions.defaults(), Monitor.NONE).subjects().get(0);
        assertEquals("raw", r.format());
        assertTrue(r.has(FindingCode.of("example.guest.blank")), "findings: " + r.findings());
    }

    @Test
    void partitionTableProbesRunThroughTheEngine(@TempDir Path tmp) throws Exception {
        Path gpt = tmp.resolve("gpt.img");
        Path mbr = tmp.resolve("mbr.img");
        run("truncate", "-s", "8M", gpt.toString(), mbr.toString());
        run("sgdisk", "-n1:2048:+2M", gpt.toString());
        run("sh", "-c", "printf 'label: dos\\n,2M,L\\n' | sfdisk -q " + mbr);
        DiagnosisEngine engine = service(DiagnosisService.class).engine();
        List<SubjectResult> rs = engine.diagnose(List.of(gpt, mbr), DiagnosisOptions.defaults(), Monitor.NONE)
                .subjects();
        assertTrue(rs.get(0).has(FindingCode.of("gpt.partition.offsets")), "findings: " + rs.get(0).findings());
        assertTrue(rs.get(1).has(FindingCode.of("mbr.partition.offsets")), "findings: " + rs.get(1).findings());
    }

    @Test
    void volumeProbesLookInsidePartitions(@TempDir Path tmp) throws Exception {
        Path disk = tmp.resolve("disk.img");
        Path fs = tmp.resolve("fs.img");
        Path swap = tmp.resolve("swap.img");
        run("truncate", "-s", "20M", disk.toString());
        run("truncate", "-s", "8M", fs.toString(), swap.toString());
        run("mkfs.ext4", "-q", "-F", "-L", "root", fs.toString());
        run("mkswap", "-q", swap.toString());
        run("sgdisk", "-n1:2048:+8M", "-t1:8300", "-n2:0:+8M", "-t2:8200", disk.toString());
        run("dd", "if=" + fs, "of=" + disk, "bs=1M", "seek=1", "conv=notrunc", "status=none");
        run("dd", "if=" + swap, "of=" + disk, "bs=1M", "seek=9", "conv=notrunc", "status=none");
        DiagnosisEngine engine = service(DiagnosisService.class).engine();
        SubjectResult r = engine.diagnose(List.of(disk), DiagnosisOptions.defaults(), Monitor.NONE).subjects().get(0);
        assertEquals(List.of("ext4", "swap"), r.volumes().stream().map(Volume::filesystem)
                .filter(java.util.Objects::nonNull).toList(), "volumes: " + r.volumes());
        assertTrue(r.has(FindingCode.of("fs.ext4.found")) && r.has(FindingCode.of("fs.swap.found")),
                "findings: " + r.findings());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), () -> String.join(" ", command) + ": " + out);
    }
}
