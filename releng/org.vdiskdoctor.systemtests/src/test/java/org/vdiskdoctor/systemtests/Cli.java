// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs the real {@code ./vdisk-doctor} launcher of this checkout and captures what it prints. */
final class Cli {

    static final Path REPO = Path.of(System.getProperty("vdiskdoctor.repo", "../..")).toAbsolutePath().normalize();
    static final Path LAUNCHER = REPO.resolve("vdisk-doctor");
    static final Path SAMPLES = REPO.resolve("samples");

    record Result(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    private Cli() {
    }

    static Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), List.of(), args);
    }

    /** Runs the launcher with extra environment variables, behind an optional command prefix (e.g. setpriv). */
    static Result run(Map<String, String> env, List<String> prefix, String... args)
            throws IOException, InterruptedException {
        return run(LAUNCHER, REPO, env, prefix, args);
    }

    /** Runs {@code launcher} (this checkout's or an installed copy) in {@code dir}. */
    static Result run(Path launcher, Path dir, Map<String, String> env, List<String> prefix, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("VDISK_DOCTOR_NO_BUILD", "1"); // the reactor built the product just before
        pb.environment().putAll(env);
        Path out = Files.createTempFile("vdd-out", ".txt");
        Path err = Files.createTempFile("vdd-err", ".txt");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                    new java.io.File("/dev/null")));
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("vdisk-doctor " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs a plain command (qemu-img, mkfifo, the samples script) and fails on a non-zero exit. */
    static String sh(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new AssertionError(String.join(" ", cmd) + " failed:\n" + text);
        return text;
    }
}
