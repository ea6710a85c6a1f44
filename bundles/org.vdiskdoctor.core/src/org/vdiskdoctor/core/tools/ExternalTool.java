// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.tools;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.vdiskdoctor.core.spi.Monitor;

/**
 * Runs a real tool (e2fsck, xfs_repair, ntfsfix, fsck.fat) for a deep check: found on the usual sbin folders and
 * {@code PATH}, started with no input, C locale (so its text can be parsed), a time limit, the user's cancel honoured,
 * and its output kept up to {@link #MAX_OUTPUT} bytes. Callers pass only read-only options ({@code -n}).
 */
public final class ExternalTool {

    /** Output kept per run; the rest is read and dropped so the tool never blocks on a full pipe. */
    public static final int MAX_OUTPUT = 1 << 20;

    private static final List<String> SYSTEM_FOLDERS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
            "/usr/bin", "/sbin", "/bin");

    private ExternalTool() {
    }

    /**
     * What a run gave: its exit code (-1 when it was stopped), its standard output and error interleaved, whether the
     * time limit stopped it and whether output was cut.
     */
    public record Result(int exitCode, String output, boolean timedOut, boolean truncated) {
    }

    /** The executable {@code name} in the system folders or on {@code PATH}, empty when not installed. */
    public static Optional<Path> find(String name) {
        if (name.isEmpty() || name.contains("/")) return Optional.empty();
        List<String> folders = new ArrayList<>(SYSTEM_FOLDERS);
        String path = System.getenv("PATH");
        if (path != null) folders.addAll(List.of(path.split(File.pathSeparator)));
        for (String folder : folders) {
            if (folder.isEmpty()) continue;
            Path p = Path.of(folder, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /**
     * Runs {@code command} and waits at most {@code timeout}; on timeout the process is killed and the result says so.
     *
     * @throws IOException when the program cannot be started
     * @throws Monitor.CanceledException when the user cancels meanwhile (the process is killed first)
     */
    public static Result run(List<String> command, Duration timeout, Monitor monitor) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        Process p = pb.start();
        BoundedReader reader = new BoundedReader(p.getInputStream());
        Thread t = new Thread(reader, "vdisk-doctor " + command.get(0) + " output");
        t.setDaemon(true);
        t.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
                monitor.checkpoint();
                if (System.nanoTime() - deadline > 0) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                    t.join(2000);
                    return new Result(-1, reader.text(), true, reader.truncated);
                }
            }
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while waiting for " + command.get(0), e);
        } catch (RuntimeException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw e;
        }
        return new Result(p.exitValue(), reader.text(), false, reader.truncated);
    }

    /** Drains a stream, keeping the first {@link #MAX_OUTPUT} bytes. */
    private static final class BoundedReader implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private volatile boolean truncated;

        BoundedReader(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (kept) {
                        int room = MAX_OUTPUT - kept.size();
                        if (room > 0) kept.write(buf, 0, Math.min(room, n));
                        if (n > room) truncated = true;
                    }
                }
            } catch (IOException e) {
                // the process was killed: what was read so far is the output
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
