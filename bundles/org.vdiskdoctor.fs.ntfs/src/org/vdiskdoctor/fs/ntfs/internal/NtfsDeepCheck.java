// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.tools.DeepChecks;
import org.vdiskdoctor.core.tools.DeepRun;
import org.vdiskdoctor.core.tools.ExternalTool;
import org.vdiskdoctor.core.tools.ToolText;
import org.vdiskdoctor.fs.ntfs.NtfsCodes;

/**
 * The deep check of an NTFS volume: {@code ntfsfix -n}, which opens the file read-only and writes nothing, on the
 * image itself when the volume is a whole raw image, else on a sparse temporary copy (ntfsfix takes no offset). Its
 * text decides, not its exit code. With -n, ntfs-3g mounts read-only and so skips its hibernation and journal
 * checks: ntfsfix -n cannot see a hibernated or dirty volume, which the probe's own checks report.
 */
final class NtfsDeepCheck {

    static final String TOOL = "ntfsfix";
    private static final String PACKAGE = "ntfs-3g";

    private final String tool;
    private final List<String> options;

    NtfsDeepCheck() {
        this(TOOL, List.of("-n"));
    }

    /** For tests: another program in the tool's place (a missing one, or one that never ends). */
    NtfsDeepCheck(String tool, List<String> options) {
        this.tool = tool;
        this.options = List.copyOf(options);
    }

    void run(GuestVolume v, FindingSink sink, Monitor monitor) throws IOException {
        long t0 = System.nanoTime();
        Optional<ExternalTool.Result> run = DeepRun.run(v, tool, PACKAGE, false, DeepRun.Command.fileLast(options),
                sink, monitor);
        if (run.isEmpty()) return;
        ExternalTool.Result r = run.get();
        String seconds = String.format(Locale.ROOT, "%.2f s", (System.nanoTime() - t0) / 1e9);
        NtfsfixReport report = NtfsfixReport.parse(r.output());
        String who = tool + " " + String.join(" ", options);
        boolean found = false;
        if (!report.mirror().isEmpty()) {
            sink.report(v.finding(NtfsCodes.DEEP_MFTMIRR_DIFFERS, who + " says: "
                    + ToolText.quoted(report.mirror()), 0, 0));
            found = true;
        }
        if (!report.backupBoot().isEmpty()) {
            sink.report(v.finding(NtfsCodes.DEEP_BACKUP_BOOT_BAD, who + " says: "
                    + ToolText.quoted(report.backupBoot()), 0,
                    0));
            found = true;
        }
        List<String> problems = report.problems();
        if (!problems.isEmpty()) {
            sink.report(v.finding(NtfsCodes.DEEP_PROBLEMS, who + " found problems (exit code " + r.exitCode() + ", "
                    + problems.size() + " distinct line" + (problems.size() == 1 ? "" : "s") + "): "
                    + ToolText.quoted(problems), 0, 0));
            found = true;
        }
        if (found) return;
        if (report.success() && r.exitCode() == 0) {
            sink.report(v.finding(NtfsCodes.DEEP_CLEAN, who + " found no problem in " + seconds + " (\"NTFS partition "
                    + "... was processed successfully.\"); it does not look for hibernation or a dirty journal", 0,
                    0));
        } else {
            sink.report(DeepChecks.toolFailed(v, tool, (report.success() ? "exit code " + r.exitCode()
                    + " disagrees with its text, which names no problem: " : "its text was not understood (exit code "
                    + r.exitCode() + "): ") + ToolText.quotedOutput(r.output())));
        }
    }


}
