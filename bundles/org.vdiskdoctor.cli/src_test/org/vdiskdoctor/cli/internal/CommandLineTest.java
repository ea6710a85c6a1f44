// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.vdiskdoctor.cli.ExitCodes;
import org.vdiskdoctor.cli.VDiskDoctorCli;
import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.core.engine.DiagnosisEngine;

/** The command-line syntax: GNU-style options, help, version, and usage errors (exit 64) that say what to type. */
class CommandLineTest {

    private record Run(int exit, String out, String err, int engineUses) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        DiagnosisEngine none = new DiagnosisEngine(List.of(), List.of(), List.of(), FindingCatalog.empty());
        AtomicInteger uses = new AtomicInteger();
        VDiskDoctorCli.Context ctx = new VDiskDoctorCli.Context(() -> {
            uses.incrementAndGet();
            return none;
        }, "9.8.7", false);
        int exit = VDiskDoctorCli.run(args, ctx, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString(), uses.get());
    }

    private static void assertUsage(Run r, String... inErr) {
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertEquals("", r.out(), "usage errors go to stderr only");
        assertEquals(0, r.engineUses(), "a usage error never starts the engine");
        for (String s : inErr) assertTrue(r.err().contains(s), "'" + s + "' in:\n" + r.err());
    }

    @Test
    void versionAndHelpNeedNoEngine() {
        for (String v : List.of("--version", "-V")) {
            Run r = run(v);
            assertEquals(new Run(ExitCodes.OK, "vdisk-doctor 9.8.7" + System.lineSeparator(), "", 0), r);
        }
        assertEquals("vdisk-doctor 9.8.7" + System.lineSeparator(), run("diagnose", "--version").out());
        Run h = run("--help");
        assertEquals(ExitCodes.OK, h.exit());
        assertEquals(0, h.engineUses());
        for (String s : List.of("Usage: vdisk-doctor", "diagnose", "inspect", "codes", "Exit codes:", "64", "13")) {
            assertTrue(h.out().contains(s), s + " in:\n" + h.out());
        }
        assertEquals(h, run("-h"));
    }

    @Test
    void everySubCommandHasItsOwnHelpWithEveryOption() {
        for (String c : List.of("diagnose", "inspect", "codes")) {
            Run sub = run(c, "--help");
            assertEquals(ExitCodes.OK, sub.exit(), sub.err());
            assertTrue(sub.out().startsWith("Usage: vdisk-doctor " + c + " [OPTIONS]"), sub.out());
            assertEquals(sub, run(c, "-h"));
        }
        String diagnose = run("diagnose", "--help").out();
        for (CommandSyntax.Option o : DiagnoseCommand.SYNTAX.options()) {
            assertTrue(diagnose.contains(o.longName()), o.longName() + " in:\n" + diagnose);
        }
        assertTrue(diagnose.contains("--budget=SECONDS") && diagnose.contains("(default: 1800)"), diagnose);
        assertTrue(diagnose.contains("PATH..."), diagnose);
        assertEquals(ExitCodes.OK, run("diagnose", "-rh").exit(), "bundled short flags");
    }

    @Test
    void unknownSubCommandsAndOptionsSuggestTheClosest() {
        assertUsage(run("diagnos", "x"), "unknown sub-command 'diagnos'", "Did you mean: vdisk-doctor diagnose?",
                "Try 'vdisk-doctor --help'.");
        assertUsage(run("frobnicate"), "unknown sub-command 'frobnicate'");
        assertUsage(run("--frob"), "unknown option '--frob'");
        assertUsage(run(), "a sub-command is required");
        assertUsage(run("diagnose", "--jsn", "samples"), "unknown option '--jsn'", "Did you mean: --json?",
                "Try 'vdisk-doctor diagnose --help'.");
        assertUsage(run("diagnose", "-x", "samples"), "unknown option '-x'");
        assertUsage(run("diagnose", "-rx", "samples"), "unknown option '-x (in -rx)'");
    }

    @Test
    void badValuesAndMissingOperandsAreUsageErrors() {
        assertUsage(run("diagnose"), "missing PATH...");
        assertUsage(run("inspect", "a", "b"), "unexpected argument 'b'");
        assertUsage(run("codes", "x"), "unexpected argument 'x'");
        assertUsage(run("diagnose", "--budget", "0", "s"), "--budget must be > 0");
        assertUsage(run("diagnose", "--budget=NaN", "s"), "--budget: 'NaN' is not a number");
        assertUsage(run("diagnose", "--budget=abc", "s"), "--budget: 'abc' is not a number");
        assertUsage(run("diagnose", "--max-chain-depth", "-1", "s"), "--max-chain-depth must be >= 0");
        assertUsage(run("diagnose", "--max-chain-depth", "99999999999", "s"), "is not a whole number");
        assertUsage(run("diagnose", "--deep-max=-1", "s"), "--deep-max must be >= 0");
        assertUsage(run("diagnose", "--deep-timeout", "0", "s"), "--deep-timeout must be > 0");
        assertUsage(run("diagnose", "s", "--budget"), "--budget needs a value (SECONDS)");
        assertUsage(run("diagnose", "--json=yes", "s"), "--json takes no value");
        assertUsage(run("diagnose", "nul\0byte"), "PATH: 'nul");
    }

    @Test
    void optionsGoAnywhereAndTwoDashesEndThem() throws Exception {
        ParsedArgs a = DiagnoseCommand.SYNTAX.parse(new String[] { "diagnose", "one", "--json", "-r",
                "--allow-dir=/a", "--allow-dir", "/b", "two", "--", "--budget", "-" }, 1);
        assertTrue(a.has(DiagnoseCommand.JSON) && a.has(DiagnoseCommand.RECURSIVE));
        assertEquals(List.of(Path.of("/a"), Path.of("/b")), a.paths(EngineOptions.ALLOW_DIR));
        assertEquals(List.of(Path.of("one"), Path.of("two"), Path.of("--budget"), Path.of("-")), a.operandPaths());
        assertEquals("1800", a.value(EngineOptions.BUDGET), "the default");
        ParsedArgs last = DiagnoseCommand.SYNTAX.parse(new String[] { "--budget=5", "--budget", "7", "x" }, 0);
        assertEquals(7.0, last.doubleValue(EngineOptions.BUDGET), "the last value wins");
    }

    @Test
    void theEngineStartsOnlyForAValidCommand() {
        Run r = run("codes");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(1, r.engineUses());
    }

    @Test
    void anAotTrainingRunPrintsAndReturnsWhatAPlainRunDoes(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path image = java.nio.file.Files.write(tmp.resolve("blank.img"), new byte[1 << 20]);
        String missing = tmp.resolve("missing.qcow2").toString();
        for (String[] args : List.of(new String[] { "diagnose", image.toString(), missing },
                new String[] { "diagnose", "--json", image.toString(), missing },
                new String[] { "inspect", image.toString() }, new String[] { "inspect", "--json", missing })) {
            Run plain = run(args);
            Run training;
            System.setProperty(AotTraining.PROPERTY, "true");
            try {
                training = run(args);
            } finally {
                System.clearProperty(AotTraining.PROPERTY);
            }
            assertEquals(plain.exit(), training.exit(), String.join(" ", args));
            assertEquals(plain.out().replaceAll("\"elapsedMillis\" : \\d+", ""),
                    training.out().replaceAll("\"elapsedMillis\" : \\d+", ""), String.join(" ", args));
            assertEquals(plain.err(), training.err());
        }
    }
}
