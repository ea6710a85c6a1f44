// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vdiskdoctor.core.testing.Fixtures;

/**
 * The rule "one test per finding code", kept: every code in every bundle's catalog is mentioned by some test, either
 * as its string ({@code "qcow2.header.bad-magic"}) or as the Java constant its bundle declares it with
 * ({@code HEADER_BAD_MAGIC = FindingCode.of("qcow2.header.bad-magic")}). A bundle's tests are its {@code src_test}
 * plus the shared test places {@code bundles/org.vdiskdoctor.core.tests} and {@code releng/org.vdiskdoctor.systemtests};
 * in the shared places, which test many bundles, a constant counts only qualified by its class
 * ({@code Qcow2Codes.HEADER_BAD_MAGIC}, a static import included), since names like {@code FILE_TRUNCATED} recur.
 * {@code *.tests} bundles are skipped, and example bundles without tests. A mention does not prove the test makes
 * the fault; review does that. This test only makes a code nobody tests impossible to miss.
 */
class EveryCodeTestedTest {

    /** {@code NAME = FindingCode.of("code")}, the parts possibly on two lines. */
    private static final Pattern CONSTANT = Pattern.compile("(\\w+)\\s*=\\s*FindingCode\\.of\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final List<String> SHARED = List.of("bundles/org.vdiskdoctor.core.tests",
            "releng/org.vdiskdoctor.systemtests");

    /** bundle name -> (code -> "Class.CONSTANT" declarations in its src) */
    static final Map<String, Map<String, List<String>>> codes = new TreeMap<>();
    /** bundle name -> the text of its src_test */
    static final Map<String, String> ownTests = new TreeMap<>();
    static String sharedTests;

    @BeforeAll
    static void scan() throws IOException {
        Path repo = Fixtures.repo();
        StringBuilder shared = new StringBuilder();
        for (String s : SHARED) shared.append(text(repo.resolve(s)));
        sharedTests = shared.toString();
        try (Stream<Path> bundles = Files.list(repo.resolve("bundles"))) {
            for (Path bundle : bundles.sorted().toList()) {
                String name = bundle.getFileName().toString();
                Path part = bundle.resolve(FindingCatalog.RESOURCE);
                Path tests = bundle.resolve("src_test");
                if (!Files.isRegularFile(part) || name.endsWith(".tests")) continue;
                if (name.contains(".example.") && !Files.isDirectory(tests)) continue;
                FindingCatalog.Builder b = new FindingCatalog.Builder();
                try (InputStream in = Files.newInputStream(part)) {
                    b.add(in, part.toString());
                }
                Map<String, List<String>> declared = new TreeMap<>();
                for (CatalogEntry e : b.build().entries()) declared.put(e.code().value(), new ArrayList<>());
                constants(bundle.resolve("src"), declared);
                codes.put(name, declared);
                ownTests.put(name, text(tests));
            }
        }
    }

    /** Adds {@code Class.CONSTANT} to each code that a constant in {@code src} declares. */
    private static void constants(Path src, Map<String, List<String>> declared) throws IOException {
        if (!Files.isDirectory(src)) return;
        try (Stream<Path> files = Files.walk(src)) {
            for (Path java : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String cls = java.getFileName().toString().replace(".java", "");
                Matcher m = CONSTANT.matcher(Files.readString(java, StandardCharsets.UTF_8));
                while (m.find()) {
                    List<String> names = declared.get(m.group(2));
                    if (names != null) names.add(cls + "." + m.group(1));
                }
            }
        }
    }

    /** All files under {@code dir} (build output excluded) as one text; empty when there is no such folder. */
    private static String text(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return "";
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                if (dir.relativize(f).toString().startsWith("target")) continue;
                // ISO-8859-1 reads any bytes: a binary test resource cannot make the scan fail
                out.append(Files.readString(f, StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return out.toString();
    }

    private static boolean mentions(String text, String code) {
        return Pattern.compile("(?<![\\w.-])" + Pattern.quote(code) + "(?![\\w-])").matcher(text).find();
    }

    private static boolean tested(String bundle, String code, List<String> constants) {
        String own = ownTests.get(bundle);
        if (mentions(own, code) || mentions(sharedTests, code)) return true;
        for (String qualified : constants) {
            String simple = qualified.substring(qualified.indexOf('.') + 1);
            if (Pattern.compile("\\b" + simple + "\\b").matcher(own).find()) return true;
            if (Pattern.compile("\\b" + Pattern.quote(qualified) + "\\b").matcher(sharedTests).find()) return true;
        }
        return false;
    }

    @Test
    void theScanFindsBundlesCodesAndConstants() {
        // guards against a scan that silently finds nothing and so passes everything
        assertTrue(codes.containsKey("org.vdiskdoctor.core") && codes.containsKey("org.vdiskdoctor.format.qcow2"),
                codes::toString);
        assertEquals(List.of("CoreCodes.FILE_MISSING"), codes.get("org.vdiskdoctor.core").get("core.file.missing"));
        assertEquals(List.of("Qcow2Codes.SNAPSHOT_TABLE_OVERLAPS_HEADER"), codes.get("org.vdiskdoctor.format.qcow2")
                .get("qcow2.snapshot-table.overlaps-header"), "a constant declared over two lines");
        assertTrue(codes.get("org.vdiskdoctor.format.qcow2").size() > 50, "too few qcow2 codes");
        assertTrue(ownTests.get("org.vdiskdoctor.format.qcow2").contains("class Qcow2HeaderFaultsTest"));
        assertTrue(sharedTests.length() > 1000, "the shared test places were not read");
    }

    @Test
    void everyCatalogCodeIsMentionedByATest() {
        List<String> untested = new ArrayList<>();
        codes.forEach((bundle, declared) -> declared.forEach((code, constants) -> {
            if (!tested(bundle, code, constants)) {
                untested.add(bundle + ": " + code + (constants.isEmpty() ? "" : " (" + String.join(", ", constants)
                        + ")"));
            }
        }));
        assertEquals(List.of(), untested, "finding codes no test mentions (neither the code string nor its constant"
                + " appears in the bundle's src_test, " + String.join(", ", SHARED) + "): write the test that makes"
                + " each fault");
    }
}
