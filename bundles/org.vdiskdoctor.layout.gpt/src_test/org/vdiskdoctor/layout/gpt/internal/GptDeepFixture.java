// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.format.raw.internal.RawDriver;

/**
 * The engine as the product runs it for the GPT deep check: raw and QCOW2 drivers, the GPT probe and locator, with
 * deep checks on; and sgdisk -v run directly on the same bytes, for the cross-checks.
 */
final class GptDeepFixture {

    private static FindingCatalog catalog;

    private GptDeepFixture() {
    }

    /** Core, raw, QCOW2 and GPT catalog parts, as the engine sees them in OSGi. */
    static synchronized FindingCatalog catalog() throws IOException {
        if (catalog == null) {
            FindingCatalog.Builder b = new FindingCatalog.Builder();
            for (String bundle : List.of("org.vdiskdoctor.core", "org.vdiskdoctor.format.raw",
                    "org.vdiskdoctor.format.qcow2", "org.vdiskdoctor.layout.gpt")) {
                try (InputStream in = Files.newInputStream(GptFixture.repo().resolve("bundles").resolve(bundle)
                        .resolve(FindingCatalog.RESOURCE))) {
                    b.add(in, bundle);
                }
            }
            if (!b.problems().isEmpty()) throw new IllegalStateException(b.problems().toString());
            catalog = b.build();
        }
        return catalog;
    }

    /**
     * The QCOW2 driver lives in a package its bundle does not export (the product gets it as a DS service), so the
     * compiler's access rules forbid naming it; the test class path has it.
     */
    private static FormatDriver qcow2Driver() {
        try {
            return (FormatDriver) Class.forName("org.vdiskdoctor.format.qcow2.internal.Qcow2Driver")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static SubjectResult diagnose(Path image, DeepCheck deep) throws IOException {
        return diagnose(image, deep, new GptVolumeLocator());
    }

    static SubjectResult diagnose(Path image, DeepCheck deep, GptVolumeLocator locator) throws IOException {
        return new DiagnosisEngine(List.of(new RawDriver(), qcow2Driver()), List.of(new GptProbe()), List.of(),
                catalog()).withVolumes(List.of(locator), List.of())
                .diagnoseImage(image, DiagnosisOptions.defaults().withDeepCheck(deep), Monitor.NONE);
    }

    /** A locator whose deep check runs {@code tool} with {@code options} in sgdisk's place. */
    static GptVolumeLocator with(String tool, String... options) {
        return new GptVolumeLocator(new SgdiskCheck(tool, List.of(options)));
    }

    /** {@code qemu-img convert -O qcow2} of a raw disk, next to it. */
    static Path qcow2(Path raw) throws Exception {
        Path q = raw.resolveSibling(raw.getFileName() + ".qcow2");
        GptFixture.run("qemu-img", "convert", "-O", "qcow2", raw.toString(), q.toString());
        return q;
    }

    /** sgdisk -v on a raw disk, C locale: the text our findings are derived from. */
    static String sgdisk(Path raw) throws Exception {
        GptFixture.Run r = GptFixture.exec("env", "LC_ALL=C", "sgdisk", "-v", raw.toString());
        assertEquals(0, r.exit(), "sgdisk -v exits 0 whatever it finds: " + r.out());
        return r.out();
    }

    static List<FindingCode> codes(SubjectResult r) {
        return r.findings().stream().map(Finding::code).toList();
    }

    /** The gpt.deep.* and core.deep.* codes of a result. */
    static List<FindingCode> deepCodes(SubjectResult r) {
        return codes(r).stream().filter(c -> c.toString().contains(".deep.")).toList();
    }

    static Finding only(SubjectResult r, FindingCode code) {
        List<Finding> f = r.findings().stream().filter(x -> x.code().equals(code)).toList();
        assertEquals(1, f.size(), () -> code + " once in " + r.findings());
        return f.get(0);
    }
}
