// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes the command line start fast, proven on the materialized product (timings are benchmarks, not tests:
 * releng/bench/startup-bench.sh): a headless configuration without UI bundles, and the JDK 25 AOT cache the
 * launcher makes on the first run, uses on the next ones and never lets break a run.
 */
class StartupTest {

    private static final Path PRODUCTS = Cli.REPO.resolve("releng/org.vdiskdoctor.product/target/products");
    private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    /** Bundles of the workbench only: SWT, JFace, e4 UI, the workbench and our UI bundles. */
    private static final Pattern UI = Pattern.compile(
            "org\\.eclipse\\.(swt|jface|ui|e4\\.ui)\\b.*|org\\.vdiskdoctor\\.ui\\b.*|org\\.vdiskdoctor\\..*\\.ui");
    private static final String[] SMALL_DIAGNOSE = { "diagnose", "samples/healthy.qcow2" };

    private static List<String> bundles(String product) throws IOException {
        Path info = PRODUCTS.resolve(product).resolve(
                "linux/gtk/x86_64/configuration/org.eclipse.equinox.simpleconfigurator/bundles.info");
        try (Stream<String> lines = Files.lines(info)) {
            return lines.filter(l -> !l.startsWith("#")).map(l -> l.substring(0, l.indexOf(','))).toList();
        }
    }

    @Test
    void theCommandLineConfigurationHasNoUiBundleAndLoadsNoUiClass(@TempDir Path tmp) throws Exception {
        List<String> cli = bundles("org.vdiskdoctor.cli.product");
        assertTrue(cli.contains("org.vdiskdoctor.cli") && cli.contains("org.apache.felix.scr"), cli.toString());
        assertEquals(List.of(), cli.stream().filter(b -> UI.matcher(b).matches()).toList(), "UI bundles in the CLI");
        List<String> workbench = bundles("org.vdiskdoctor.workbench.product");
        assertTrue(workbench.stream().anyMatch(b -> b.startsWith("org.eclipse.swt")), "the pattern sees SWT: "
                + workbench);
        assertTrue(workbench.size() > cli.size() + 20, cli.size() + " vs " + workbench.size());
        // and what actually runs: no class of a UI package is loaded by a diagnosis
        Path classes = tmp.resolve("classes.txt");
        Cli.Result r = Cli.run(Map.of("VDISK_DOCTOR_AOT", "0", "VDISK_DOCTOR_VMARGS",
                "-Xlog:class+load=info:file=" + classes), List.of(), SMALL_DIAGNOSE);
        assertEquals(0, r.exit(), r.err());
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains("org.vdiskdoctor.format.qcow2."), "the log holds the run's classes");
        for (String pkg : List.of("org.eclipse.swt.", "org.eclipse.jface.", "org.eclipse.e4.ui.", "org.eclipse.ui.")) {
            assertFalse(loaded.contains(" " + pkg), pkg + " classes loaded by the CLI");
        }
    }

    private static Map<String, String> aot(Path cache) {
        return Map.of("JAVA_HOME", JDK25.toString(), "XDG_CACHE_HOME", cache.toString());
    }

    /** The AOT caches in the per-user cache folder (one folder per product build below it). */
    private static List<Path> aotFiles(Path cache) throws IOException {
        if (!Files.isDirectory(cache.resolve("vdisk-doctor"))) return List.of();
        try (Stream<Path> s = Files.walk(cache.resolve("vdisk-doctor"), 2)) {
            return s.filter(p -> p.toString().endsWith(".aot")).toList();
        }
    }

    private static Path onlyCache(Path cache) throws IOException {
        List<Path> aot = aotFiles(cache);
        assertEquals(1, aot.size(), "one cache: " + aot);
        return aot.get(0);
    }

    private static Path onlyCacheOrNull(Path cache) throws IOException {
        List<Path> aot = aotFiles(cache);
        return aot.isEmpty() ? null : aot.get(0);
    }

    @Test
    void theFirstRunMakesTheAotCacheAndTheSecondUsesItWithTheSameOutput(@TempDir Path cache) throws Exception {
        Cli.Result plain = Cli.run(Map.of("JAVA_HOME", JDK25.toString(), "VDISK_DOCTOR_AOT", "0"), List.of(),
                SMALL_DIAGNOSE);
        assertEquals(0, plain.exit(), plain.err());
        Cli.Result first = Cli.run(aot(cache), List.of(), SMALL_DIAGNOSE);
        assertEquals(plain, first, "the training run prints what a plain run prints, and nothing on stderr");
        Path file = onlyCache(cache);
        assertTrue(Files.size(file) > 1 << 20, file + " holds the classes");
        assertTrue(file.getFileName().toString().contains("25."), "named after the JDK: " + file);
        assertTrue(Files.exists(Path.of(file + ".ok")));
        // the JVM's own log (to a file, so that stdout and stderr are compared whole) says it mapped this cache
        Path log = cache.resolve("aot.log");
        Map<String, String> logged = new java.util.HashMap<>(aot(cache));
        logged.put("VDISK_DOCTOR_VMARGS", "-Xlog:aot=info:file=" + log);
        Cli.Result second = Cli.run(logged, List.of(), SMALL_DIAGNOSE);
        assertEquals(plain, second);
        String mapped = Files.readString(log);
        assertTrue(mapped.contains("Opened AOT cache " + file), mapped);
        assertFalse(mapped.contains("Unable to map") || mapped.contains("[error"), mapped);
        Cli.Result json = Cli.run(aot(cache), List.of(), "codes", "--json");
        assertEquals(0, json.exit(), json.err());
        assertEquals("", json.err());
        json.json(); // the whole of stdout parses
        assertEquals(file, onlyCache(cache), "the cache is made once");
    }

    @Test
    void aCorruptCacheIsIgnoredAndTheRunSucceedsWithCleanOutput(@TempDir Path cache) throws Exception {
        Cli.Result plain = Cli.run(Map.of("JAVA_HOME", JDK25.toString(), "VDISK_DOCTOR_AOT", "0"), List.of(),
                "diagnose", "--json", "samples/corrupt-flag.qcow2");
        assertEquals(2, plain.exit(), plain.err());
        String expected = plain.out().replaceAll("\"elapsedMillis\" : \\d+", "");
        assertEquals(0, Cli.run(aot(cache), List.of(), "--version").exit());
        assertEquals(null, onlyCacheOrNull(cache), "--version alone does not train the cache (no engine in it)");
        assertEquals(0, Cli.run(aot(cache), List.of(), SMALL_DIAGNOSE).exit());
        Path file = onlyCache(cache);
        Path mark = Path.of(file + ".ok");
        // fault 1: garbage over the start of the cache, cut to half its size (now newer than its mark): made again
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(file, garbage, StandardOpenOption.WRITE);
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(file) / 2);
        }
        Cli.Result r1 = Cli.run(aot(cache), List.of(), "diagnose", "--json", "samples/corrupt-flag.qcow2");
        assertEquals(2, r1.exit(), r1.err());
        assertEquals(expected, r1.out().replaceAll("\"elapsedMillis\" : \\d+", ""));
        assertEquals("", r1.err());
        assertTrue(Files.size(onlyCache(cache)) > 1 << 20, "made again");
        // fault 2: garbage with a newer mark (the JVM itself must reject it): the run goes on without the cache
        Files.write(file, garbage, StandardOpenOption.WRITE);
        Files.setLastModifiedTime(mark, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Cli.Result r2 = Cli.run(aot(cache), List.of(), "diagnose", "--json", "samples/corrupt-flag.qcow2");
        assertEquals(2, r2.exit(), r2.err());
        assertEquals(expected, r2.out().replaceAll("\"elapsedMillis\" : \\d+", ""), "stdout stays pure JSON");
        assertTrue(r2.err().contains("AOT cache") || r2.err().isEmpty(), "only the JVM's warning: " + r2.err());
    }

    @Test
    void anUnwritableCacheFolderOrAJdkBefore25MeanNoCache(@TempDir Path tmp) throws Exception {
        // No writable place: the cache folder and the fallback under TMPDIR are both below a plain file.
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
        Cli.Result none = Cli.run(Map.of("JAVA_HOME", JDK25.toString(), "XDG_CACHE_HOME", file.resolve("x").toString(),
                "TMPDIR", file.toString()), List.of(), SMALL_DIAGNOSE);
        assertEquals(0, none.exit(), none.err());
        assertEquals("", none.err());
        // A JDK that says it is 21 (its release file) in front of the real one: the launcher must not ask it for a
        // cache (-XX:AOTCacheOutput does not exist before JDK 25).
        Path jdk21 = tmp.resolve("jdk21");
        Files.createDirectories(jdk21.resolve("bin"));
        Files.writeString(jdk21.resolve("release"), "JAVA_VERSION=\"21.0.5\"\n");
        Path java = jdk21.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in -XX:AOT*) echo \"AOT flag $a\" >&2;"
                + " exit 99;; esac; done\nexec '" + JDK25.resolve("bin/java") + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cache21 = tmp.resolve("cache21");
        Cli.Result old = Cli.run(Map.of("JAVA_HOME", jdk21.toString(), "XDG_CACHE_HOME", cache21.toString()),
                List.of(), SMALL_DIAGNOSE);
        assertEquals(0, old.exit(), old.err());
        assertEquals(List.of(), aotFiles(cache21), "no AOT cache for JDK 21");
    }
}
