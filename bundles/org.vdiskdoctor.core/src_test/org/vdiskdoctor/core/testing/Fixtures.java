// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.spi.FormatDriver;

/**
 * Shared test helpers. Free of JUnit so that {@link DiagnoseMain} can use it in a plain JVM run as another user.
 */
public final class Fixtures {

    /** Declared in {@link #catalog()} with default severity info. */
    public static final FindingCode TEST_NOTE = FindingCode.of("test.fake.note");
    /** Declared nowhere. */
    public static final FindingCode TEST_UNDECLARED = FindingCode.of("test.fake.undeclared");

    private Fixtures() {
    }

    /** The repository root, set by the root pom for surefire. */
    public static Path repo() {
        String r = System.getProperty("vdiskdoctor.repo");
        if (r == null) throw new IllegalStateException("system property vdiskdoctor.repo is not set (see pom.xml)");
        return Path.of(r);
    }

    public static Path coreBundle() {
        return repo().resolve("bundles/org.vdiskdoctor.core");
    }

    /** The core bundle's catalog plus {@link #TEST_NOTE}. */
    public static FindingCatalog catalog() {
        FindingCatalog.Builder b = new FindingCatalog.Builder();
        try (InputStream in = Files.newInputStream(coreBundle().resolve(FindingCatalog.RESOURCE))) {
            b.add(in, "org.vdiskdoctor.core");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Properties test = new Properties();
        test.setProperty(TEST_NOTE + ".severity", "info");
        test.setProperty(TEST_NOTE + ".title", "A note from a test driver");
        test.setProperty(TEST_NOTE + ".explanation", "Reported by fake drivers in tests.");
        b.add(test, "tests");
        if (!b.problems().isEmpty()) throw new IllegalStateException("catalog problems: " + b.problems());
        return b.build();
    }

    public static DiagnosisEngine engine(FormatDriver... drivers) {
        return new DiagnosisEngine(List.of(drivers), List.of(), List.of(), catalog());
    }

    public static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, content, StandardCharsets.ISO_8859_1);
    }

    /** The finding codes of a subject, in report order. */
    public static List<String> codes(SubjectResult r) {
        return r.findings().stream().map(f -> f.code().value()).toList();
    }

    public static void mkfifo(Path p) throws IOException, InterruptedException {
        run(List.of("mkfifo", p.toString()));
    }

    /** Runs a command, returns its standard output; fails on a non-zero exit. */
    public static String run(List<String> command) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = proc.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!proc.waitFor(60, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        if (proc.exitValue() != 0) throw new IOException(command + " exited " + proc.exitValue() + ": " + out);
        return out;
    }

    /**
     * Runs {@code mainClass} from this test class path in a new JVM as uid/gid 65534 ("nobody") via
     * {@code setpriv}. Only class path entries inside the repository are passed (the Maven repository under
     * /root is not readable by that user, and the helper needs none of it).
     */
    public static String runAsNobody(Class<?> mainClass, String... args) throws IOException, InterruptedException {
        // The checkout may sit where uid 65534 cannot go (CI clones under /root): run from a world-readable copy.
        Path stage = java.nio.file.Files.createTempDirectory("vdd-nobody-cp");
        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!Path.of(e).toAbsolutePath().startsWith(repo())) continue;
            Path copy = stage.resolve("cp" + cp.size());
            copyReadable(Path.of(e), copy);
            cp.add(copy.toString());
        }
        if (cp.isEmpty()) throw new IllegalStateException("no class path entry inside " + repo());
        // and the core catalog that catalog() reads, at the same place under a staged "repository"
        Path catalogCopy = stage.resolve("repo/bundles/org.vdiskdoctor.core").resolve(FindingCatalog.RESOURCE);
        java.nio.file.Files.createDirectories(catalogCopy.getParent());
        java.nio.file.Files.copy(coreBundle().resolve(FindingCatalog.RESOURCE), catalogCopy);
        try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(stage.resolve("repo"))) {
            for (Path p : (Iterable<Path>) all::iterator) openUp(p);
        }
        openUp(stage);
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:off",
                "-Dvdiskdoctor.repo=" + stage.resolve("repo"), "-cp", String.join(java.io.File.pathSeparator, cp),
                mainClass.getName()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** Copies a class-path entry (folder or jar) so that any user can read it. */
    private static void copyReadable(Path from, Path to) throws IOException {
        if (!java.nio.file.Files.isDirectory(from)) {
            java.nio.file.Files.copy(from, to);
            openUp(to);
            return;
        }
        try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path dst = to.resolve(from.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) java.nio.file.Files.createDirectories(dst);
                else java.nio.file.Files.copy(p, dst);
                openUp(dst);
            }
        }
    }

    private static void openUp(Path p) throws IOException {
        java.nio.file.Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                java.nio.file.Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
    }
}
