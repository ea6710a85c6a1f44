// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vdiskdoctor.cli.ExitCodes;
import org.vdiskdoctor.cli.VDiskDoctorCli;
import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.core.engine.DiagnosisEngine;

import picocli.CommandLine;

/**
 * The command model is built lazily (--version without picocli, only the named sub-command otherwise): what the
 * user sees must be what the full model gave.
 */
class CommandModelTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        DiagnosisEngine none = new DiagnosisEngine(List.of(), List.of(), List.of(), FindingCatalog.empty());
        VDiskDoctorCli.Context ctx = new VDiskDoctorCli.Context(() -> none, "9.8.7", false);
        int exit = VDiskDoctorCli.run(args, ctx, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void versionShortcutPrintsWhatPicocliPrints() {
        Run v = run("--version");
        assertEquals(ExitCodes.OK, v.exit());
        assertEquals("vdisk-doctor 9.8.7" + System.lineSeparator(), v.out());
        assertEquals(v.out(), run("-V").out());
        StringWriter picocli = new StringWriter(); // what the full model prints (the context of the run above)
        try (PrintWriter w = new PrintWriter(picocli)) {
            new CommandLine(new VDiskDoctorCli()).printVersionHelp(w);
        }
        assertEquals(picocli.toString(), v.out());
    }

    @Test
    void helpListsEverySubCommandAndEachHasItsOwnHelp() {
        Run h = run("--help");
        assertEquals(ExitCodes.OK, h.exit());
        for (String c : List.of("diagnose", "inspect", "codes")) {
            assertTrue(h.out().contains(c), h.out());
            Run sub = run(c, "--help");
            assertEquals(ExitCodes.OK, sub.exit(), sub.err());
            assertTrue(sub.out().startsWith("Usage: vdisk-doctor " + c), sub.out());
        }
    }

    @Test
    void unknownSubCommandIsAUsageErrorWithSuggestions() {
        Run r = run("diagnos", "x");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().contains("diagnose"), "suggests the closest sub-command:\n" + r.err());
    }
}
