// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vdiskdoctor.core.testing.Fixtures;

/**
 * Every code the sources of any bundle create with {@code FindingCode.of("...")} is declared in some bundle's
 * catalog, every declared code is used, and {@code docs/findings.md} is exactly what {@link CatalogMarkdown} makes
 * of the catalog of all bundles.
 */
class CatalogConsistencyTest {

    private static final Pattern CODE_USE = Pattern.compile("FindingCode\\.of\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final String REGENERATE = "cp bundles/org.vdiskdoctor.core/target/findings.md docs/findings.md";

    static Path repo;
    static FindingCatalog catalog;
    static List<String> problems;
    /** code -> the source files using it */
    static TreeMap<String, Set<String>> used = new TreeMap<>();

    @BeforeAll
    static void scan() throws IOException {
        repo = Fixtures.repo();
        FindingCatalog.Builder b = new FindingCatalog.Builder();
        List<Path> parts = new ArrayList<>();
        try (Stream<Path> bundles = Files.list(repo.resolve("bundles"))) {
            for (Path bundle : bundles.sorted().toList()) {
                Path part = bundle.resolve(FindingCatalog.RESOURCE);
                if (Files.isRegularFile(part)) parts.add(part);
                Path src = bundle.resolve("src");
                // a *.tests bundle's src/ is test code: its test-only codes (stand-ins for probes still to come, like
                // src_test's) belong in no catalog
                if (!Files.isDirectory(src) || bundle.getFileName().toString().endsWith(".tests")) continue;
                try (Stream<Path> files = Files.walk(src)) {
                    for (Path java : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        Matcher m = CODE_USE.matcher(Files.readString(java, StandardCharsets.UTF_8));
                        while (m.find()) {
                            used.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(repo.relativize(java).toString());
                        }
                    }
                }
            }
        }
        for (Path part : parts) {
            try (InputStream in = Files.newInputStream(part)) {
                b.add(in, repo.relativize(part).toString());
            }
        }
        problems = b.problems();
        catalog = b.build();
    }

    @Test
    void theScanFindsTheCoreBundle() {
        // guards against a scan that silently finds nothing and so passes everything
        assertTrue(used.containsKey("core.file.missing"), "FindingCode.of(...) not found in core sources: " + used);
        assertTrue(catalog.entries().size() >= 20, "too few catalog entries: " + catalog.entries().size());
    }

    @Test
    void catalogPartsHaveNoProblems() {
        assertEquals(List.of(), problems);
    }

    @Test
    void everyUsedCodeIsDeclared() {
        List<String> undeclared = new ArrayList<>();
        used.forEach((code, files) -> {
            if (catalog.entries().stream().noneMatch(e -> e.code().value().equals(code))) {
                undeclared.add(code + " (used in " + files + ")");
            }
        });
        assertEquals(List.of(), undeclared,
                "codes used in sources but declared in no bundles/*/" + FindingCatalog.RESOURCE);
    }

    @Test
    void everyDeclaredCodeIsUsed() {
        List<String> unused = catalog.entries().stream()
                .filter(e -> !used.containsKey(e.code().value()))
                .map(e -> e.code() + " (declared in " + e.origin() + ")").toList();
        assertEquals(List.of(), unused, "codes declared but never created with FindingCode.of(\"...\") in any source");
    }

    @Test
    void docsFindingsIsCurrent() throws IOException {
        String expected = CatalogMarkdown.render(catalog);
        Path generated = repo.resolve("bundles/org.vdiskdoctor.core/target/findings.md");
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, expected, StandardCharsets.UTF_8);
        Path docs = repo.resolve("docs/findings.md");
        if (!Files.isRegularFile(docs)) fail("docs/findings.md is missing: generate it with " + REGENERATE);
        String actual = Files.readString(docs, StandardCharsets.UTF_8);
        List<String> missing = catalog.entries().stream().map(e -> e.code().value())
                .filter(code -> !actual.contains("| `" + code + "` |")).toList();
        assertEquals(List.of(), missing, "codes missing from the table in docs/findings.md: regenerate with "
                + REGENERATE);
        if (!expected.equals(actual)) {
            fail("docs/findings.md is stale: regenerate with " + REGENERATE + " (first difference at character "
                    + firstDifference(expected, actual) + ")");
        }
    }

    private static int firstDifference(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) return i;
        }
        return n;
    }
}
