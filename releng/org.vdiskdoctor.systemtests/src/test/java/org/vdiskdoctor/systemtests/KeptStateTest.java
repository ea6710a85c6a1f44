// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's start (org.vdiskdoctor.cli.boot): the OSGi framework state it keeps per user and product build,
 * made once under a lock, then only read; the unsigned framework jar; what happens when that state is damaged or
 * several first runs race. Timings are benchmarks (releng/bench/startup-bench.sh), not tests.
 */
class KeptStateTest {

    private static final String[] SMALL_DIAGNOSE = { "diagnose", "samples/healthy.qcow2" };

    private static Map<String, String> env(Path cache) {
        return Map.of("XDG_CACHE_HOME", cache.toString());
    }

    /** The one product-build folder below the cache folder. */
    private static Path buildFolder(Path cache) throws IOException {
        try (Stream<Path> s = Files.list(cache.resolve("vdisk-doctor"))) {
            List<Path> builds = s.filter(Files::isDirectory).toList();
            assertEquals(1, builds.size(), builds.toString());
            return builds.get(0);
        }
    }

    /** Every file below {@code folder} with its size and modification time. */
    private static Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                files.put(folder.relativize(p).toString(), a.size() + " " + a.lastModifiedTime().toInstant());
            }
        }
        return files;
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }

    @Test
    void theFirstRunMakesTheStateAndLaterRunsOnlyReadIt(@TempDir Path cache) throws Exception {
        Cli.Result first = Cli.run(env(cache), List.of(), SMALL_DIAGNOSE);
        assertEquals(0, first.exit(), first.err());
        assertEquals("", first.err());
        Path build = buildFolder(cache);
        assertTrue(Files.isRegularFile(build.resolve("state/vdisk-doctor.ready")), "the state is marked ready");
        assertTrue(Files.isDirectory(build.resolve("state/org.eclipse.osgi")), "Equinox's storage is kept");
        try (JarFile jar = new JarFile(build.resolve("org.eclipse.osgi.jar").toFile())) {
            assertTrue(jar.getEntry("org/eclipse/osgi/launch/EquinoxFactory.class") != null);
            assertFalse(jar.stream().anyMatch(e -> e.getName().matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)")),
                    "the framework copy carries no signature");
        }
        Map<String, String> before = snapshot(build.resolve("state"));
        for (String[] args : List.of(SMALL_DIAGNOSE, new String[] { "--version" },
                new String[] { "diagnose", "--json", "samples/corrupt-flag.qcow2" }, new String[] { "codes" })) {
            Cli.Result r = Cli.run(env(cache), List.of(), args);
            assertTrue(r.exit() == 0 || r.exit() == 2, String.join(" ", args) + ": " + r.err());
            assertEquals("", r.err());
        }
        assertEquals(before, snapshot(build.resolve("state")), "later runs write nothing into the state");
        assertEquals(first, Cli.run(env(cache), List.of(), SMALL_DIAGNOSE));
    }

    @Test
    void firstRunsThatRaceAllSucceedWithTheSameOutput(@TempDir Path cache) throws Exception {
        Cli.Result plain = Cli.run(Map.of("VDISK_DOCTOR_AOT", "0", "XDG_CACHE_HOME", cache.resolve("other").toString()),
                List.of(), SMALL_DIAGNOSE);
        assertEquals(0, plain.exit(), plain.err());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Cli.Result>> runs = new ArrayList<>();
            for (int i = 0; i < 6; i++) runs.add(pool.submit(() -> Cli.run(env(cache), List.of(), SMALL_DIAGNOSE)));
            for (Future<Cli.Result> f : runs) assertEquals(plain, f.get(), "a racing first run");
        } finally {
            pool.shutdownNow();
        }
        assertTrue(Files.isRegularFile(buildFolder(cache).resolve("state/vdisk-doctor.ready")));
        assertEquals(plain, Cli.run(env(cache), List.of(), SMALL_DIAGNOSE));
    }

    @Test
    void aDamagedStateIsMadeAgainAndTheRunStillSucceeds(@TempDir Path cache) throws Exception {
        Cli.Result first = Cli.run(env(cache), List.of(), SMALL_DIAGNOSE);
        assertEquals(0, first.exit(), first.err());
        Path state = buildFolder(cache).resolve("state");
        // damage 1: Equinox's storage gone, the marker still there (it promises bundles the state does not hold)
        deleteTree(state.resolve("org.eclipse.osgi"));
        assertEquals(first, Cli.run(env(cache), List.of(), SMALL_DIAGNOSE));
        assertTrue(Files.isDirectory(state.resolve("org.eclipse.osgi")), "made again");
        // damage 2: a marker of another bundle list
        Files.writeString(state.resolve("vdisk-doctor.ready"), "someone.else,1.0,/x.jar,4,true\n");
        assertEquals(first, Cli.run(env(cache), List.of(), SMALL_DIAGNOSE));
        assertTrue(Files.readString(state.resolve("vdisk-doctor.ready")).contains("org.vdiskdoctor.cli,"));
        // damage 3: Equinox's module database overwritten with garbage (the marker still promises a good state)
        try (Stream<Path> s = Files.list(state.resolve("org.eclipse.osgi"))) {
            for (Path f : s.filter(p -> p.getFileName().toString().startsWith("framework.info")).toList()) {
                Files.write(f, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
            }
        }
        assertEquals(first, Cli.run(env(cache), List.of(), SMALL_DIAGNOSE));
        assertEquals(first, Cli.run(env(cache), List.of(), SMALL_DIAGNOSE), "and the next run too");
        // damage 4: the unsigned framework copy overwritten with garbage (now newer than its mark): copied again
        Path copy = state.resolveSibling("org.eclipse.osgi.jar");
        Files.writeString(copy, "not a jar");
        Files.setLastModifiedTime(copy, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals(first, Cli.run(env(cache), List.of(), SMALL_DIAGNOSE));
        assertTrue(Files.size(copy) > 1 << 20, "copied again");
    }

    @Test
    void aCacheFolderOthersCanWriteIsNotUsed(@TempDir Path cache) throws Exception {
        Path folder = Files.createDirectories(cache.resolve("vdisk-doctor"));
        Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Cli.Result r = Cli.run(env(cache), List.of(), SMALL_DIAGNOSE);
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        try (Stream<Path> s = Files.list(folder)) {
            assertEquals(List.of(), s.toList(), "nothing is kept in a folder others can write to");
        }
    }
}
