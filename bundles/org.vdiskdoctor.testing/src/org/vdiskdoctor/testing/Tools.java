// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real tools the tests make and check images with (qemu-img, sgdisk, mkfs.*, fsck ...), run with their output and
 * error merged into one text and a time limit, so a tool that hangs fails the test instead of the build.
 */
public final class Tools {

    /** How long a tool may run unless the caller says otherwise. */
    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    private Tools() {
    }

    /**
     * What a command did.
     *
     * @param exit its exit code
     * @param out its standard output and standard error, merged, as UTF-8
     */
    public record Run(int exit, String out) {
    }

    /** Runs {@code command} with {@link #TIMEOUT}; any exit code is returned, not judged. */
    public static Run exec(String... command) throws IOException, InterruptedException {
        return exec(TIMEOUT, null, command);
    }

    /**
     * Runs {@code command}, writing {@code input} (if not null) to its standard input first.
     *
     * @throws IOException when it cannot start or is still running after {@code timeout} (it is then killed)
     */
    public static Run exec(Duration timeout, String input, String... command) throws IOException, InterruptedException {
        return exec(null, timeout, input, command);
    }

    /** Runs {@code command} in the folder {@code dir} (relative file names resolve there), with {@link #TIMEOUT}. */
    public static Run execIn(Path dir, List<String> command) throws IOException, InterruptedException {
        return exec(dir, TIMEOUT, null, command.toArray(String[]::new));
    }

    private static Run exec(Path dir, Duration timeout, String input, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) b.directory(dir.toFile());
        Process p = b.start();
        try (OutputStream in = p.getOutputStream()) {
            if (input != null) in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out;
        try (InputStream o = p.getInputStream()) {
            out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        return new Run(p.exitValue(), out);
    }

    /** Runs {@code command} and asserts that it exits 0; returns its merged output. */
    public static String run(String... command) throws IOException, InterruptedException {
        return runWithInput(null, command);
    }

    /** Runs {@code command} in the folder {@code dir} and asserts that it exits 0; returns its merged output. */
    public static String runIn(Path dir, String... command) throws IOException, InterruptedException {
        Run r = exec(dir, TIMEOUT, null, command);
        assertEquals(0, r.exit(), () -> String.join(" ", command) + " failed: " + r.out());
        return r.out();
    }

    /** Runs {@code command} with {@code input} on its standard input and asserts that it exits 0. */
    public static String runWithInput(String input, String... command) throws IOException, InterruptedException {
        Run r = exec(TIMEOUT, input, command);
        assertEquals(0, r.exit(), () -> String.join(" ", command) + " failed: " + r.out());
        return r.out();
    }
}
