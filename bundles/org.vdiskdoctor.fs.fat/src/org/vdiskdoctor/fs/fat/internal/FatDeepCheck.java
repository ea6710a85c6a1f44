// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.fat.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.tools.DeepChecks;
import org.vdiskdoctor.core.tools.DeepRun;
import org.vdiskdoctor.core.tools.ExternalTool;
import org.vdiskdoctor.core.tools.ToolText;
import org.vdiskdoctor.fs.fat.FatCodes;
import org.vdiskdoctor.fs.fat.internal.FsckFatReport.Issue;
import org.vdiskdoctor.fs.fat.internal.FsckFatReport.Kind;

/**
 * The deep check of a FAT volume: {@code fsck.fat -n}, which opens the file read-only and never writes, on the image
 * itself when the volume is a whole raw image, else on a sparse temporary copy (fsck.fat takes no offset). Its text,
 * not its exit code, decides: fsck.fat exits 0 after reporting a boot sector that differs from its backup, and 1 for
 * a dirty bit alone.
 */
final class FatDeepCheck {

    static final String TOOL = "fsck.fat";
    private static final String PACKAGE = "dosfstools";

    private final String tool;
    private final List<String> options;

    FatDeepCheck() {
        this(TOOL, List.of("-n"));
    }

    /** For tests: another program in the tool's place (a missing one, or one that never ends). */
    FatDeepCheck(String tool, List<String> options) {
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
        FsckFatReport report = FsckFatReport.parse(r.output());
        String who = tool + " " + String.join(" ", options);
        if (report.issues().isEmpty()) {
            if (report.finished() && r.exitCode() == 0) {
                sink.report(v.finding(FatCodes.DEEP_CLEAN, who + " (" + (report.version() == null ? "no version line"
                        : report.version()) + ") found no problem in " + seconds + ": " + report.summary(), 0, 0));
            } else if (report.finished()) {
                sink.report(DeepChecks.toolFailed(v, tool, "exit code " + r.exitCode() + " says it found problems "
                        + "but its text names none: " + ToolText.quotedOutput(r.output())));
            } else {
                sink.report(DeepChecks.toolFailed(v, tool, "its text was not understood (exit code " + r.exitCode()
                        + ", no summary line): " + ToolText.quotedOutput(r.output())));
            }
            return;
        }
        // without the summary line, only a fatal error of fsck.fat itself (version line, exit code 1) is understood
        if (!report.finished() && (report.version() == null || r.exitCode() == 0)) {
            sink.report(DeepChecks.toolFailed(v, tool, "its text was not understood (exit code " + r.exitCode()
                    + ", no summary line): " + ToolText.quotedOutput(r.output())));
            return;
        }
        String tail = report.finished() ? "" : " (" + tool + " stopped before the end of its check)";
        String said = who + " says: ";
        one(v, sink, report, Kind.DIRTY, FatCodes.DEEP_DIRTY, said, tail);
        one(v, sink, report, Kind.BACKUP_BOOT_DIFFERS, FatCodes.DEEP_BACKUP_BOOT_DIFFERS, said, tail);
        one(v, sink, report, Kind.FATS_DIFFER, FatCodes.DEEP_FATS_DIFFER, said, tail);
        one(v, sink, report, Kind.LOST_CLUSTERS, FatCodes.DEEP_LOST_CLUSTERS, said, tail);
        one(v, sink, report, Kind.FREE_COUNT_WRONG, FatCodes.DEEP_FREE_COUNT_WRONG, said, tail);
        List<Issue> other = report.issues(Kind.OTHER);
        if (!other.isEmpty()) {
            sink.report(v.finding(FatCodes.DEEP_PROBLEMS, who + " found " + other.size() + " problem"
                    + (other.size() == 1 ? "" : "s") + " in files, directories or cluster chains (exit code "
                    + r.exitCode() + ")" + tail + ": " + texts(other), 0, 0));
        }
    }

    private static void one(GuestVolume v, FindingSink sink, FsckFatReport report, Kind kind, FindingCode code,
            String said, String tail) {
        List<Issue> found = report.issues(kind);
        if (!found.isEmpty()) sink.report(v.finding(code, said + texts(found) + tail, 0, 0));
    }



    private static String texts(List<Issue> issues) {
        return ToolText.quoted(issues.stream().map(Issue::text).toList());
    }
}
