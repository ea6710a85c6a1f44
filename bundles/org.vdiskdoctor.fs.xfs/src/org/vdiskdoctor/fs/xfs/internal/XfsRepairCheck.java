// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.tools.DeepChecks;
import org.vdiskdoctor.core.tools.DeepRun;
import org.vdiskdoctor.core.tools.ExternalTool;
import org.vdiskdoctor.fs.xfs.XfsCodes;

/**
 * The deep check of an XFS volume by {@code xfs_repair -n -f}: no-modify mode on a file. xfs_repair takes no offset,
 * so it reads the image in place only when the filesystem is the whole raw image, else a temporary copy of the volume.
 * Its text decides the verdict ({@link XfsRepairOutput}): a dirty log, a bad primary superblock, problems, or clean;
 * when the text and the exit code disagree, or the text is not understood, the verdict is "no usable verdict".
 */
final class XfsRepairCheck {

    static final String TOOL = "xfs_repair";
    static final String PACKAGE = "xfsprogs";
    private static final int QUOTED_LINES = 6;
    private static final int QUOTED_CHARS = 500;

    private final String tool;
    private final DeepRun.Command command;

    /** The real xfs_repair. */
    XfsRepairCheck() {
        this(TOOL, null);
    }

    /** For tests: another program name (a missing one, or {@code sleep}) and, when not null, its command line. */
    XfsRepairCheck(String tool, DeepRun.Command command) {
        this.tool = tool;
        this.command = command;
    }

    void run(GuestVolume volume, FindingSink sink, Monitor monitor) throws IOException {
        if (!volume.deepCheck().enabled()) return;
        Optional<GuestVolume.RawRange> raw = volume.rawRange();
        AtomicReference<String> given = new AtomicReference<>("");
        AtomicReference<String> where = new AtomicReference<>("on a temporary copy");
        DeepRun.Command real = (exe, t) -> {
            String file = t.file().toAbsolutePath().toString();
            given.set(file);
            if (raw.isPresent() && t.file().equals(raw.get().file())) where.set("read in place (the whole image)");
            return List.of(exe.toString(), "-n", "-f", file);
        };
        long t0 = System.nanoTime();
        Optional<ExternalTool.Result> ran = DeepRun.run(volume, tool, PACKAGE, false,
                command == null ? real : command, sink, monitor);
        if (ran.isEmpty()) return;
        ExternalTool.Result r = ran.get();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        String how = "xfs_repair -n, " + where.get() + ", exit code " + r.exitCode() + ", "
                + String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0)
                + (r.truncated() ? ", output cut at 1 MiB" : "");
        XfsRepairOutput out = XfsRepairOutput.parse(r.output(), given.get());
        for (Finding f : verdict(volume, out, r.exitCode(), how)) sink.report(f);
    }

    private static List<Finding> verdict(GuestVolume v, XfsRepairOutput out, int exit, String how) {
        if (out.fatal() != null) return List.of(DeepChecks.toolFailed(v, TOOL, "it stopped: " + quote(out.fatal())));
        if (!out.started()) {
            return List.of(DeepChecks.toolFailed(v, TOOL, "it did not start checking"
                    + (out.firstLine() == null ? " and printed nothing" : ": " + quote(out.firstLine()))));
        }
        boolean problems = !out.problemLines().isEmpty();
        if (out.superblockBad() || out.logDirty() || problems) {
            if (exit == 0) return List.of(disagree(v, "it reported problems but exited with code 0"));
        } else if (exit != 0) {
            return List.of(disagree(v, "it reported no problem but exited with code " + exit));
        }
        if (out.superblockBad()) {
            String rescue = out.noSecondary() ? "it found no valid secondary superblock either"
                    : out.secondaryVerified() ? "it verified a secondary superblock, from which xfs_repair without -n "
                            + "would rewrite the primary" : "it looked for a secondary superblock";
            String why = out.superblockReason() == null ? "" : " (" + quote(out.superblockReason()) + ")";
            return List.of(v.finding(XfsCodes.DEEP_SUPERBLOCK_UNUSABLE, "xfs_repair -n found the primary superblock "
                    + "bad" + why + "; " + rescue + ". In no-modify mode it stops there, so nothing else was checked ("
                    + how + ")", 0, Superblock.MIN_SECTOR));
        }
        if (out.logDirty()) {
            Finding log = v.finding(XfsCodes.DEEP_LOG_DIRTY, "the log holds metadata changes that were not "
                    + "replayed: " + quote(String.join(" ", out.logLines())) + " (" + how + "). Mount the "
                    + "filesystem (on a copy when in doubt) to replay the log and unmount it, then check again",
                    0, 0);
            if (!problems) return List.of(log);
            return List.of(log, problems(v, out, how + "; the log was not replayed, so some may be spurious"));
        }
        if (problems) return List.of(problems(v, out, how));
        if (!out.finished()) {
            return List.of(DeepChecks.toolFailed(v, TOOL, "it did not finish its seven phases"));
        }
        return List.of(v.finding(XfsCodes.DEEP_CLEAN, "xfs_repair -n found no problems in this XFS filesystem ("
                + how + ")", 0, 0));
    }

    private static Finding problems(GuestVolume v, XfsRepairOutput out, String how) {
        int n = out.problemLines().size();
        return v.finding(XfsCodes.DEEP_PROBLEMS, "xfs_repair -n reported " + n + (n == 1 ? " problem line" :
                " problem lines") + " (" + how + "): " + quote(out.problemLines()), 0, 0);
    }

    private static Finding disagree(GuestVolume v, String text) {
        return DeepChecks.toolFailed(v, TOOL, "its text and its exit code disagree: " + text);
    }

    private static String quote(String line) {
        return quote(List.of(line));
    }

    /** The first lines, joined by " | ", bounded, with the count of the rest. */
    static String quote(List<String> lines) {
        StringBuilder b = new StringBuilder("\"");
        int shown = 0;
        for (String l : lines) {
            if (shown == QUOTED_LINES || b.length() + l.length() > QUOTED_CHARS) break;
            if (shown > 0) b.append(" | ");
            b.append(l);
            shown++;
        }
        if (shown == 0 && !lines.isEmpty()) {
            b.append(lines.get(0), 0, Math.min(lines.get(0).length(), QUOTED_CHARS)).append("…");
            shown = 1;
        }
        b.append('"');
        if (lines.size() > shown) b.append(" and ").append(lines.size() - shown).append(" more lines");
        return b.toString();
    }
}
