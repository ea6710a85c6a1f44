// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestDisk;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.tools.DeepChecks;
import org.vdiskdoctor.core.tools.DeepRun;
import org.vdiskdoctor.core.tools.ExternalTool;
import org.vdiskdoctor.core.tools.ToolText;
import org.vdiskdoctor.layout.gpt.GptCodes;
import org.vdiskdoctor.layout.gpt.internal.SgdiskReport.Issue;
import org.vdiskdoctor.layout.gpt.internal.SgdiskReport.Kind;

/**
 * The deep check of a GPT disk by {@code sgdisk -v}, which opens the disk read-only and only verifies. sgdisk reads a
 * whole disk and takes no offset: a whole raw image is read in place, every other container through a sparse
 * temporary copy of the guest disk. On a plain file sgdisk assumes 512-byte sectors, so a GPT written for 4096-byte
 * sectors is not given to it. Its text decides ({@link SgdiskReport}): it exits 0 after "Identified 5 problems!" too.
 */
final class SgdiskCheck {

    static final String TOOL = "sgdisk";
    private static final String PACKAGE = "gdisk";

    private final String tool;
    private final List<String> options;

    /** The real {@code sgdisk -v}. */
    SgdiskCheck() {
        this(TOOL, List.of("-v"));
    }

    /** For tests: another program in sgdisk's place (a missing one, one that never ends, a script). */
    SgdiskCheck(String tool, List<String> options) {
        this.tool = tool;
        this.options = List.copyOf(options);
    }

    /** Runs the check of {@code wholeDisk}, whose GPT was found in {@code sectorSize}-byte sectors. */
    void run(GuestVolume wholeDisk, int sectorSize, FindingSink sink, Monitor monitor) throws IOException {
        if (!wholeDisk.deepCheck().enabled()) return;
        if (sectorSize != GuestDisk.SECTOR) {
            sink.report(DeepChecks.skipped(wholeDisk, TOOL, "the GPT counts in " + sectorSize + "-byte sectors, and "
                    + "sgdisk reads a disk image file as 512-byte sectors: it would find no GPT there"));
            return;
        }
        AtomicReference<String> where = new AtomicReference<>("on a temporary copy of the guest disk");
        long t0 = System.nanoTime();
        Optional<ExternalTool.Result> run = DeepRun.run(wholeDisk, tool, PACKAGE, false, (exe, target) -> {
            if (wholeDisk.rawRange().map(r -> r.file().equals(target.file())).orElse(false)) {
                where.set("read in place in the raw image");
            }
            return DeepRun.Command.fileLast(options).build(exe, target);
        }, sink, monitor);
        if (run.isEmpty()) return;
        ExternalTool.Result r = run.get();
        String how = tool + " " + String.join(" ", options) + ", " + where.get() + String.format(Locale.ROOT,
                ", %.2f s", (System.nanoTime() - t0) / 1e9) + (r.truncated() ? ", output cut at 1 MiB" : "");
        verdict(wholeDisk, SgdiskReport.parse(r.output()), r, how, sink);
    }

    private void verdict(GuestVolume v, SgdiskReport report, ExternalTool.Result r, String how, FindingSink sink) {
        // sgdisk exits 0 whatever it finds; another code means it could not do its job (2: the file cannot be read)
        if (r.exitCode() != 0) {
            sink.report(DeepChecks.toolFailed(v, tool, "it exited with code " + r.exitCode() + ": "
                    + ToolText.quotedOutput(r.output())));
            return;
        }
        Integer counted = report.identified();
        if (report.saysNoProblems() == (counted != null)) {
            sink.report(DeepChecks.toolFailed(v, tool, "its text was not understood (" + (counted == null
                    ? "neither \"No problems found\" nor \"Identified N problems!\"" : "it says both \"No problems "
                    + "found\" and \"Identified N problems!\"") + "): "
                    + ToolText.quotedOutput(r.output())));
            return;
        }
        List<Issue> issues = report.issues();
        if (counted != null && issues.isEmpty()) {
            sink.report(DeepChecks.toolFailed(v, tool, "it counted " + counted + " problems but its text names none: "
                    + ToolText.quotedOutput(r.output())));
            return;
        }
        if (issues.isEmpty()) {
            sink.report(v.finding(GptCodes.DEEP_CLEAN, how + ": no problems found in the GPT (" + report.freeSpace()
                    + ")", 0, 0));
            return;
        }
        String tally = counted == null ? "its verification counted none, but it said this while loading the table"
                : "its verification identified " + counted + " problem" + (counted == 1 ? "" : "s");
        String said = tool + " " + String.join(" ", options) + " says: ";
        String tail = " (" + how + "; " + tally + ")";
        if (report.has(Kind.DISK_TOO_SMALL)) {
            // a shrunk disk also loses its backup header and array: those complaints follow from the shrink
            List<Issue> first = new ArrayList<>(report.issues(Kind.DISK_TOO_SMALL));
            issues.stream().filter(i -> i.kind() != Kind.DISK_TOO_SMALL).forEach(first::add);
            sink.report(v.finding(GptCodes.DEEP_DISK_TOO_SMALL, said + texts(first) + tail, 0, 0));
            return;
        }
        if (report.has(Kind.NO_GPT)) {
            sink.report(v.finding(GptCodes.DEEP_PROBLEMS, tool + " found no GPT it could load on this disk, which "
                    + "shows signs of one, and verified an empty table it made up in memory instead: "
                    + texts(issues) + tail, 0, 0));
            return;
        }
        one(v, sink, report, Kind.CRC, GptCodes.DEEP_CRC_MISMATCH, said, (report.damaged().isEmpty() ? ""
                : "failing their CRC-32: " + String.join(", ", report.damaged()) + "; "), tail);
        one(v, sink, report, Kind.BACKUP_NOT_AT_END, GptCodes.DEEP_BACKUP_NOT_AT_END, said, "", tail);
        List<Issue> other = report.issues(Kind.OTHER);
        if (!other.isEmpty()) {
            sink.report(v.finding(GptCodes.DEEP_PROBLEMS, tool + " found " + other.size() + " problem"
                    + (other.size() == 1 ? "" : "s") + " in the GPT: " + texts(other) + tail, 0, 0));
        }
    }

    private static void one(GuestVolume v, FindingSink sink, SgdiskReport report, Kind kind, FindingCode code,
            String said, String lead, String tail) {
        List<Issue> found = report.issues(kind);
        if (!found.isEmpty()) sink.report(v.finding(code, said + lead + texts(found) + tail, 0, 0));
    }



    private static String texts(List<Issue> issues) {
        return ToolText.quoted(issues.stream().map(Issue::text).toList());
    }
}
