// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.testing.Fixtures;

class FindingCatalogTest {

    private static final String QCOW2_PART = """
            qcow2.header.bad-magic.severity = error
            qcow2.header.bad-magic.title = Not a QCOW2 header
            qcow2.header.bad-magic.explanation = The first four bytes \\
             are not the magic.
            qcow2.refcount.leak.severity = Warning
            qcow2.refcount.leak.title = Leaked cluster
            qcow2.refcount.leak.explanation = Allocated but unused.
            """;

    @TempDir
    Path tmp;

    private static FindingCatalog.Builder builder(String text, String origin) throws IOException {
        return new FindingCatalog.Builder().add(stream(text), origin);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void loadsEntriesSortedWithContinuationLines() throws IOException {
        FindingCatalog.Builder b = builder(QCOW2_PART, "qcow2");
        assertEquals(List.of(), b.problems());
        FindingCatalog c = b.build();
        List<CatalogEntry> entries = c.entries();
        assertEquals(List.of("qcow2.header.bad-magic", "qcow2.refcount.leak"),
                entries.stream().map(e -> e.code().value()).toList());
        CatalogEntry magic = entries.get(0);
        assertEquals(Severity.ERROR, magic.defaultSeverity());
        assertEquals("Not a QCOW2 header", magic.title());
        assertEquals("The first four bytes are not the magic.", magic.explanation());
        assertEquals("qcow2", magic.origin());
        assertEquals(Severity.WARNING, c.defaultSeverity(FindingCode.of("qcow2.refcount.leak")));
        assertTrue(c.contains(FindingCode.of("qcow2.refcount.leak")));
    }

    @Test
    void undeclaredCodeDefaultsToWarning() throws IOException {
        FindingCatalog c = builder(QCOW2_PART, "qcow2").build();
        FindingCode unknown = FindingCode.of("vmdk.grain.bad");
        assertFalse(c.contains(unknown));
        assertTrue(c.entry(unknown).isEmpty());
        assertEquals(Severity.WARNING, c.defaultSeverity(unknown));
        assertTrue(FindingCatalog.empty().entries().isEmpty());
    }

    @Test
    void aCodeDeclaredByTwoOriginsIsAProblem() throws IOException {
        FindingCatalog.Builder b = builder(QCOW2_PART, "bundle.a");
        b.add(stream("qcow2.refcount.leak.severity = error\nqcow2.refcount.leak.title = T\n"
                + "qcow2.refcount.leak.explanation = E\n"), "bundle.b");
        assertEquals(List.of("qcow2.refcount.leak is declared by both bundle.a and bundle.b"), b.problems());
    }

    @Test
    void incompleteEntriesAreProblemsAndLeftOut() throws IOException {
        FindingCatalog.Builder b = builder("""
                vhd.footer.bad-checksum.severity = error
                vhd.footer.bad-checksum.title = Bad checksum
                vhd.footer.no-title.severity = error
                vhd.footer.no-title.explanation = Something.
                vhd.footer.blank.severity = error
                vhd.footer.blank.title = \s
                vhd.footer.blank.explanation = Something.
                """, "vhd");
        List<String> problems = b.problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.contains("vhd: vhd.footer.bad-checksum needs severity, title and explanation"));
        assertTrue(problems.contains("vhd: vhd.footer.no-title needs severity, title and explanation"));
        assertTrue(problems.contains("vhd: vhd.footer.blank needs severity, title and explanation"));
        assertTrue(b.build().entries().isEmpty());
    }

    @Test
    void badSeverityBadCodeAndUnknownKeysAreProblems() throws IOException {
        FindingCatalog.Builder b = builder("""
                vdi.header.bad.severity = fatal
                vdi.header.bad.title = T
                vdi.header.bad.explanation = E
                Vdi.Header.Upper.severity = error
                Vdi.Header.Upper.title = T
                Vdi.Header.Upper.explanation = E
                vdi.header.typo.titel = T
                nodot = x
                """, "vdi");
        List<String> problems = b.problems();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("vdi: vdi.header.bad:")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("vdi: Vdi.Header.Upper:")), problems.toString());
        assertTrue(problems.contains("vdi: unknown key vdi.header.typo.titel"));
        assertTrue(problems.contains("vdi: unknown key nodot"));
        assertTrue(b.build().entries().isEmpty());
    }

    @Test
    void fromClassLoaderMergesEveryPart() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Fixtures.write(a.resolve(FindingCatalog.RESOURCE), QCOW2_PART);
        Fixtures.write(b.resolve(FindingCatalog.RESOURCE), "raw.size.odd.severity = info\nraw.size.odd.title = T\n"
                + "raw.size.odd.explanation = E\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] { a.toUri().toURL(), b.toUri().toURL() }, null)) {
            FindingCatalog c = FindingCatalog.fromClassLoader(loader);
            assertEquals(3, c.entries().size());
            assertEquals(Severity.INFO, c.defaultSeverity(FindingCode.of("raw.size.odd")));
            assertTrue(c.entry(FindingCode.of("raw.size.odd")).get().origin().endsWith(FindingCatalog.RESOURCE));
        }
    }

    @Test
    void theCoreCatalogDeclaresEveryCoreCode() throws Exception {
        FindingCatalog.Builder b = new FindingCatalog.Builder();
        try (InputStream in = Files.newInputStream(Fixtures.coreBundle().resolve(FindingCatalog.RESOURCE))) {
            b.add(in, "org.vdiskdoctor.core");
        }
        assertEquals(List.of(), b.problems());
        FindingCatalog c = b.build();
        int n = 0;
        for (Field f : CoreCodes.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != FindingCode.class) continue;
            FindingCode code = (FindingCode) f.get(null);
            assertTrue(c.contains(code), code + " (CoreCodes." + f.getName() + ") is not in the core catalog");
            n++;
        }
        assertEquals(n, c.entries().size(), "the core catalog declares codes CoreCodes does not have");
        assertEquals(Severity.INFO, c.defaultSeverity(CoreCodes.FOLDER_NO_IMAGES));
        assertEquals(Severity.WARNING, c.defaultSeverity(CoreCodes.FORMAT_UNRECOGNISED));
    }

    private static java.util.Properties props(String text) throws IOException {
        java.util.Properties p = new java.util.Properties();
        p.load(new java.io.StringReader(text));
        return p;
    }

    @Test
    void aLazyCatalogReadsNothingUntilAskedAndAnswersAsTheBuiltOne() throws IOException {
        String broken = """
                fat.entry.half.severity = error
                fat.entry.half.title = Only a title
                fat.entry.bad-severity.severity = dire
                fat.entry.bad-severity.title = t
                fat.entry.bad-severity.explanation = e
                """;
        List<FindingCatalog.Part> parts = List.of(new FindingCatalog.Part(props(QCOW2_PART), "qcow2"),
                new FindingCatalog.Part(props(broken), "fat"));
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        FindingCatalog lazy = FindingCatalog.lazy(() -> {
            reads.incrementAndGet();
            return parts;
        });
        assertEquals(0, reads.get(), "made without reading a part");
        FindingCatalog built = new FindingCatalog.Builder().add(parts.get(0).properties(), "qcow2")
                .add(parts.get(1).properties(), "fat").build();
        for (String code : List.of("qcow2.header.bad-magic", "qcow2.refcount.leak", "fat.entry.half",
                "fat.entry.bad-severity",
                "core.never.declared")) {
            FindingCode c = FindingCode.of(code);
            assertEquals(built.entry(c), lazy.entry(c), code);
            assertEquals(built.contains(c), lazy.contains(c), code);
            assertEquals(built.defaultSeverity(c), lazy.defaultSeverity(c), code);
        }
        assertEquals(1, reads.get(), "the parts are read once");
        assertEquals(built.entries(), lazy.entries());
        assertEquals(Severity.WARNING, lazy.defaultSeverity(FindingCode.of("qcow2.refcount.leak")));
    }

    @Test
    void theLazyCatalogOfEveryBundleEqualsTheBuiltOne() {
        FindingCatalog built = Fixtures.catalog();
        List<FindingCatalog.Part> parts = built.entries().stream()
                .collect(java.util.stream.Collectors.groupingBy(CatalogEntry::origin)).entrySet().stream()
                .map(e -> {
                    java.util.Properties p = new java.util.Properties();
                    for (CatalogEntry x : e.getValue()) {
                        p.setProperty(x.code().value() + ".severity", x.defaultSeverity().label());
                        p.setProperty(x.code().value() + ".title", x.title());
                        p.setProperty(x.code().value() + ".explanation", x.explanation());
                    }
                    return new FindingCatalog.Part(p, e.getKey());
                }).toList();
        FindingCatalog lazy = FindingCatalog.lazy(() -> parts);
        for (CatalogEntry e : built.entries()) assertEquals(java.util.Optional.of(e), lazy.entry(e.code()));
        assertEquals(built.entries(), lazy.entries());
    }
}
