// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** The command-line contract scripts depend on: exit codes, JSON on stdout only, help, version, codes. */
class CliContractTest {

    @Test
    void versionAndHelp() throws Exception {
        Cli.Result v = Cli.run("--version");
        assertEquals(0, v.exit(), v.err());
        assertTrue(v.out().matches("vdisk-doctor 0\\.1\\.0\\S*\\s*"), v.out());
        Cli.Result h = Cli.run("--help");
        assertEquals(0, h.exit(), h.err());
        for (String s : List.of("diagnose", "inspect", "codes", "64", "13")) assertTrue(h.out().contains(s), h.out());
    }

    @Test
    void usageErrorsExit64NotTwo() throws Exception {
        assertEquals(64, Cli.run("diagnose").exit());
        assertEquals(64, Cli.run("diagnose", "--no-such-option", "samples").exit());
        assertEquals(64, Cli.run("frobnicate").exit());
        assertEquals(64, Cli.run("diagnose", "--budget", "0", "samples").exit());
        Cli.Result r = Cli.run("diagnose", "--jsn", "samples");
        assertEquals(64, r.exit());
        assertEquals("", r.out(), "usage errors go to stderr");
        assertTrue(r.err().contains("--jsn"), r.err());
    }

    @Test
    void jsonStdoutIsOnlyJsonAndFollowsTheSchema() throws Exception {
        Cli.Result r = Cli.run("diagnose", "--json", "samples/healthy.qcow2", "samples/corrupt-flag.qcow2");
        assertEquals(2, r.exit(), r.err());
        JsonNode doc = r.json(); // strict: the whole of stdout must parse
        assertTrue(r.out().strip().startsWith("{") && r.out().strip().endsWith("}"));
        assertEquals(1, doc.get("schemaVersion").asInt());
        assertEquals("vdisk-doctor", doc.at("/tool/name").asText());
        assertEquals(2, doc.get("subjects").size());
        assertEquals(2, doc.get("exitCode").asInt());
        JsonNode healthy = doc.get("subjects").get(0);
        assertEquals("samples/healthy.qcow2", healthy.get("path").asText());
        assertEquals("qcow2", healthy.get("format").asText());
        assertEquals(16L << 20, healthy.get("virtualSize").asLong());
        assertEquals(0, healthy.get("findings").size());
        JsonNode f = doc.get("subjects").get(1).get("findings").get(0);
        for (String k : List.of("code", "severity", "title", "message", "evidence", "repairs")) {
            assertTrue(f.has(k), "finding field " + k + " in " + f);
        }
        JsonNode ev = f.get("evidence").get(0);
        assertTrue(ev.get("file").asText().endsWith("corrupt-flag.qcow2"), ev.toString());
        assertTrue(ev.get("offset").isNumber() && ev.get("length").isNumber(), ev.toString());
        assertEquals(1, doc.at("/summary/errors").asInt() > 0 ? 1 : 0);
    }

    @Test
    void inspectShowsTheStructureWithOffsets() throws Exception {
        Cli.Result r = Cli.run("inspect", "--json", "samples/healthy.qcow2");
        assertEquals(0, r.exit(), r.err());
        JsonNode s = r.json().get("subjects").get(0).get("structure");
        assertTrue(s != null && s.get("children").size() > 0, r.out());
        Set<String> names = new HashSet<>();
        collect(s, names);
        assertTrue(names.stream().anyMatch(n -> n.contains("magic")), "a magic field: " + names);
        Cli.Result t = Cli.run("inspect", "samples/healthy.qcow2");
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.out().contains("@0x0+4"), "text shows the magic's offset and length:\n" + t.out());
    }

    private static void collect(JsonNode n, Set<String> names) {
        names.add(n.get("name").asText());
        if (n.has("children")) n.get("children").forEach(c -> collect(c, names));
    }

    @Test
    void codesListsTheCatalog() throws Exception {
        Cli.Result r = Cli.run("codes", "--json");
        assertEquals(0, r.exit(), r.err());
        Set<String> codes = new HashSet<>();
        for (JsonNode c : r.json().get("codes")) {
            codes.add(c.get("code").asText());
            assertFalse(c.get("title").asText().isBlank());
            assertFalse(c.get("explanation").asText().isBlank());
        }
        for (String c : List.of("core.file.fifo", "core.chain.cycle", "core.chain.backing-missing")) {
            assertTrue(codes.contains(c), c);
        }
        assertTrue(codes.stream().anyMatch(c -> c.startsWith("qcow2.")), "qcow2 bundle's catalog: " + codes);
        assertTrue(codes.stream().anyMatch(c -> c.startsWith("raw.")), "raw bundle's catalog: " + codes);
        assertTrue(codes.contains("gpt.backup-header.not-at-end"), "GPT bundle's catalog: " + codes);
        assertTrue(codes.contains("mbr.ebr.loop"), "MBR bundle's catalog: " + codes);
    }

    @Test
    void partitionTablesAreCheckedInTheProduct(@TempDir Path tmp) throws Exception {
        Path disk = tmp.resolve("disk.img");
        Cli.sh(tmp, "truncate", "-s", "16M", disk.toString());
        Cli.sh(tmp, "sgdisk", "-n1:2048:+4M", disk.toString());
        Cli.Result ok = Cli.run("diagnose", "--json", disk.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(Set.of("gpt.partition.offsets"), codesOf(ok.json()));
        // fault: the disk enlarged by 4 MiB after partitioning: backup GPT not at the end (warning, exit 3)
        Cli.sh(tmp, "truncate", "-s", "+4M", disk.toString());
        Cli.Result grown = Cli.run("diagnose", "--json", disk.toString());
        assertEquals(3, grown.exit(), grown.err());
        assertEquals(Set.of("gpt.backup-header.not-at-end", "gpt.pmbr.size-mismatch", "gpt.partition.offsets"),
                codesOf(grown.json()));
    }

    private static Set<String> codesOf(JsonNode result) {
        Set<String> codes = new HashSet<>();
        result.at("/subjects/0/findings").forEach(f -> codes.add(f.get("code").asText()));
        return codes;
    }

    @Test
    void fifoIsAFindingAndNeverBlocks(@TempDir Path tmp) throws Exception {
        Path fifo = tmp.resolve("disk.qcow2");
        Cli.sh(tmp, "mkfifo", fifo.toString());
        long t0 = System.nanoTime();
        Cli.Result r = Cli.run("diagnose", "--json", fifo.toString());
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 60);
        assertEquals(2, r.exit(), r.err());
        assertEquals("core.file.fifo", r.json().at("/subjects/0/findings/0/code").asText());
        Cli.Result folder = Cli.run("diagnose", "--json", tmp.toString());
        assertEquals(2, folder.exit(), "a FIFO named like an image inside a folder is reported, not read");
    }

    @Test
    void unreadableFileAsAnUnprivilegedUserIsAFinding(@TempDir Path tmp) throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path secret = tmp.resolve("secret.qcow2");
        Files.copy(Expected.sample("healthy.qcow2"), secret);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        // The checkout may sit where uid 65534 cannot go (CI clones under /root): install the product into a
        // world-readable folder, the launcher beside it, as a user would, and run that.
        Path install = tmp.resolve("install");
        Path product = Cli.REPO.resolve("releng/org.vdiskdoctor.product/target/products/org.vdiskdoctor.cli.product"
                + "/linux/gtk/x86_64");
        Cli.sh(tmp, "cp", "-r", product.toString(), install.toString());
        Cli.sh(tmp, "cp", Cli.LAUNCHER.toString(), install.resolve("vdisk-doctor").toString());
        Cli.sh(tmp, "chmod", "-R", "a+rX", install.toString());
        Cli.Result r = Cli.run(install.resolve("vdisk-doctor"), tmp, Map.of("HOME", "/nonexistent"),
                List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"), "diagnose", "--json",
                secret.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals("core.file.permission-denied", r.json().at("/subjects/0/findings/0/code").asText());
    }

    @Test
    void missingPathIsAFindingNotAFailure() throws Exception {
        Cli.Result r = Cli.run("diagnose", "--json", "samples/no-such-file.qcow2");
        assertEquals(2, r.exit());
        assertEquals("core.file.missing", r.json().at("/subjects/0/findings/0/code").asText());
    }

    @Test
    void noArgumentsWithoutDisplaySaysSoAndExits13() throws Exception {
        Cli.Result r = Cli.run(Map.of("DISPLAY", "", "WAYLAND_DISPLAY", ""), List.of());
        assertEquals(13, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("display") || r.err().contains("workbench"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void launcherFindsANewEnoughJdkWhenJavaHomeIsTooOld() throws Exception {
        Path jdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        assertTrue(Files.isDirectory(jdk17), "the CI image has OpenJDK 17 as its default JDK");
        Cli.Result r = Cli.run(Map.of("JAVA_HOME", jdk17.toString()), List.of(), "--version");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void launcherSaysWhatToInstallWhenNoJdkIsFound() throws Exception {
        // An environment with no JDK anywhere the launcher looks: PATH without java, JAVA_HOME bogus, and
        // the search folders hidden by pointing HOME elsewhere is not enough, so run with a stub root via env.
        Cli.Result r = Cli.run(Map.of("JAVA_HOME", "/nonexistent", "VDISK_DOCTOR_JDK_SEARCH", "/nonexistent",
                "PATH", "/usr/bin/no-java:/bin"), List.of("/usr/bin/env"), "--version");
        assertEquals(13, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("no JDK 21 or newer found"), r.err());
    }

    @Test
    void textOutputNamesCodesAndEvidence() throws Exception {
        Cli.Result r = Cli.run("diagnose", "samples/missing-backing.qcow2");
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("core.chain.backing-missing"), r.out());
        assertTrue(r.out().contains("gone.qcow2"), "the message names the missing file:\n" + r.out());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void progressGoesToStderrOnlyWhenItIsATerminal(@TempDir Path tmp) throws Exception {
        // script(1) gives the launcher a pseudo-terminal; stdout is redirected to a file, stderr stays the terminal.
        Path out = tmp.resolve("out.txt");
        Path typescript = tmp.resolve("typescript");
        String cmd = "VDISK_DOCTOR_NO_BUILD=1 '" + Cli.LAUNCHER + "' diagnose samples > '" + out + "'";
        Cli.sh(Cli.REPO, "script", "-q", "-c", cmd, typescript.toString()); // no -e: the exit code (2) is not the point here
        String terminal = Files.readString(typescript);
        String stdout = Files.readString(out);
        assertTrue(terminal.contains("diagnosing samples/healthy.qcow2"), "progress on the terminal:\n" + terminal);
        assertFalse(stdout.contains("diagnosing") || stdout.contains("\r") || stdout.contains("\033"),
                "no progress on stdout:\n" + stdout);
        assertTrue(stdout.contains("samples/healthy.qcow2: qcow2"), stdout);
        Cli.Result piped = Cli.run("diagnose", "samples");
        assertFalse(piped.err().contains("diagnosing"), "no progress when stderr is not a terminal:\n" + piped.err());
    }

    @Test
    void spentTimeBudgetIsAToolFailureExit1() throws Exception {
        Cli.Result r = Cli.run("diagnose", "--json", "--budget", "0.000001", "samples/overlay.qcow2");
        assertEquals(1, r.exit(), r.out() + r.err());
        JsonNode s = r.json().at("/subjects/0");
        assertTrue(s.get("toolFailure").asBoolean(), s.toString());
        assertTrue(s.get("findings").toString().contains("core.engine.budget-exceeded"), s.toString());
        assertEquals(1, r.json().get("exitCode").asInt());
    }
}
