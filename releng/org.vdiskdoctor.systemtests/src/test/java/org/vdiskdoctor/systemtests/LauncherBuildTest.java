// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's build logic, on a scratch copy of the launcher next to a stand-in {@code mvnw}: the real build is
 * exercised by every other system test; here the failures are what matters (no network, two launchers at once).
 */
class LauncherBuildTest {

    /** A scratch checkout: the real launcher, a fake mvnw running {@code body}, and no product yet. */
    private static Path checkout(Path tmp, String mvnwBody) throws Exception {
        Path co = tmp.resolve("checkout");
        Files.createDirectories(co.resolve("releng/org.vdiskdoctor.product"));
        Files.createDirectories(co.resolve("bundles"));
        Files.copy(Cli.LAUNCHER, co.resolve("vdisk-doctor"));
        Path mvnw = co.resolve("mvnw");
        Files.writeString(mvnw, "#!/usr/bin/env bash\n" + mvnwBody + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
        return co;
    }

    private static Process start(Path co, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(co.resolve("vdisk-doctor").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(co.toFile());
        pb.environment().remove("VDISK_DOCTOR_NO_BUILD");
        return pb.start();
    }

    private static Cli.Result finish(Process p) throws Exception {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
        return new Cli.Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void unreachableMavenCentralGetsAClearMessageAndExit13(@TempDir Path tmp) throws Exception {
        Path co = checkout(tmp, """
                if [[ " $* " == *" -o "* ]]; then
                  echo "[ERROR] Cannot access central (https://repo.maven.apache.org/maven2) in offline mode and the artifact x has not been downloaded from it before."
                else
                  echo "[ERROR] Could not transfer artifact org.eclipse.tycho:tycho-build:pom:5.0.2 from/to central: java.net.UnknownHostException: repo.maven.apache.org"
                fi
                exit 1""");
        Cli.Result r = finish(start(co, "--version"));
        assertEquals(13, r.exit(), r.err());
        assertEquals("", r.out(), "build output goes to stderr only");
        assertTrue(r.err().contains("could not reach Maven Central"), r.err());
    }

    @Test
    void failedBuildSaysSoAndExits13(@TempDir Path tmp) throws Exception {
        Path co = checkout(tmp, "echo '[ERROR] COMPILATION ERROR: Foo.java:[3] ; expected'; exit 1");
        Cli.Result r = finish(start(co, "diagnose", "x"));
        assertEquals(13, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().contains("COMPILATION ERROR") && r.err().contains("building the product failed"), r.err());
    }

    @Test
    void twoLaunchersNeverBuildAtOnce(@TempDir Path tmp) throws Exception {
        // The fake build records start and end, takes a moment, and produces no product (so both calls fail
        // after building). With the lock, the two builds must not overlap.
        Path log = tmp.resolve("builds.log");
        Path co = checkout(tmp, "echo start >> '" + log + "'; sleep 2; echo end >> '" + log + "'; exit 1");
        Process a = start(co, "--version");
        Process b = start(co, "--version");
        finish(a);
        finish(b);
        List<String> lines = Files.readAllLines(log);
        assertEquals(List.of("start", "end", "start", "end"), lines, "builds overlapped: " + lines);
    }
}
