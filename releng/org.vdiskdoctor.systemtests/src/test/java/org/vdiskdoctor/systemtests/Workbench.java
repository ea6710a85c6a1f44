// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.systemtests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the materialized workbench product under a private Xvfb (1280x800, 24 bit; {@code xvfb-run -a} picks a free
 * display), waits until the application writes its ready file, lists the X windows, takes a screenshot of the
 * screen, and closes the application. Missing Xvfb, xvfb-run, xwininfo or ImageMagick makes the test fail.
 */
final class Workbench {

    static final Path PRODUCT = Cli.REPO.resolve(
            "releng/org.vdiskdoctor.product/target/products/org.vdiskdoctor.workbench.product/linux/gtk/x86_64");

    /** What one run left behind. */
    record Run(int exit, String output, String ready, String windows, Path screenshot, Path workspace) {
    }

    private Workbench() {
    }

    /**
     * Runs {@code command} (which must start the workbench in the background as {@code $!}'s process and pass it
     * {@code -Dvdiskdoctor.ui.readyFile=$READY}) under Xvfb; the script around it waits and takes the screenshot.
     */
    static Run run(Path tmp, String command, Map<String, String> env) throws IOException, InterruptedException {
        Path ready = tmp.resolve("ready.txt");
        Path windows = tmp.resolve("windows.txt");
        Path shot = tmp.resolve("workbench.png");
        String script = String.join("\n",
                "set -u",
                command + " > \"$OUT/app.log\" 2>&1 &",
                "pid=$!",
                "for i in $(seq 1 600); do [ -f \"$READY\" ] && break; kill -0 $pid 2>/dev/null || { echo 'the workbench exited early'; cat \"$OUT/app.log\"; exit 3; }; sleep 0.1; done",
                "[ -f \"$READY\" ] || { echo 'no ready file after 60 s'; cat \"$OUT/app.log\"; kill $pid; exit 4; }",
                "sleep 1.5", // the last paint
                "xwininfo -root -tree > \"$WINDOWS\"",
                // the screen is black around the window (no window manager): trim it off
                "import -window root png:- | convert - -trim +repage \"$SHOT\" || exit 5",
                "kill $pid; wait $pid 2>/dev/null",
                "exit 0");
        List<String> cmd = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24 -nolisten tcp",
                "bash", "-c", script));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Cli.REPO.toFile()).redirectErrorStream(true);
        pb.environment().putAll(Map.of("READY", ready.toString(), "WINDOWS", windows.toString(), "SHOT",
                shot.toString(), "OUT", tmp.toString(), "JAVA", javaBin()));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the workbench run did not end in 120 s");
        return new Run(p.exitValue(), out, read(ready), read(windows), shot, tmp.resolve("workspace"));
    }

    /** The command that starts the product the way ./vdisk-doctor does, with a fresh workspace. */
    static String productCommand(Path tmp, List<Path> open) {
        StringBuilder b = new StringBuilder("\"$JAVA\" -Dvdiskdoctor.ui.readyFile=\"$READY\" -jar ")
                .append(quote(launcherJar().toString())).append(" -data ").append(quote(tmp.resolve("workspace")
                        .toString())).append(" -clearPersistedState");
        if (!open.isEmpty()) {
            b.append(" --open");
            for (Path p : open) b.append(' ').append(quote(p.toString()));
        }
        return "(cd " + quote(PRODUCT.toString()) + " && exec " + b + ")";
    }

    static Path launcherJar() {
        try (var s = Files.list(PRODUCT.resolve("plugins"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("org.eclipse.equinox.launcher_")).findFirst()
                    .orElseThrow(() -> new AssertionError("no launcher jar in " + PRODUCT + " (is the product built?)"));
        } catch (IOException e) {
            throw new AssertionError("no workbench product in " + PRODUCT, e);
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
