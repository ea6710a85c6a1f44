// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.tools.DeepChecks;
import org.vdiskdoctor.core.tools.DeepRun;
import org.vdiskdoctor.core.tools.ExternalTool;
import org.vdiskdoctor.fs.ext4.Ext4Codes;

/**
 * The deep check of an ext2/3/4 volume by {@code e2fsck -fn}: forced, answering no to every question, on the raw
 * image in place ({@code 'IMAGE?offset=N'}, opened read-only by e2fsprogs' unix I/O manager) or on a temporary copy.
 * Its text decides the verdict ({@link E2fsckOutput}); when the text and the exit code disagree, or a line is not
 * understood, the verdict is "no usable verdict", never "clean".
 */
final class E2fsckCheck {

    static final String TOOL = "e2fsck";
    static final String PACKAGE = "e2fsprogs";
    private static final int QUOTED_LINES = 6;
    private static final int QUOTED_CHARS = 500;

    private final String tool;
    private final DeepRun.Command command;

    /** The real e2fsck. */
    E2fsckCheck() {
        this(TOOL, null);
    }

    /** For tests: another program name (a missing one, or {@code sleep}) and, when not null, its command line. */
    E2fsckCheck(String tool, DeepRun.Command command) {
        this.tool = tool;
        this.command = command;
    }

    /**
     * Runs the check when deep checks are on.
     *
     * @param atOffset whether e2fsck may read a raw image in place at the volume's offset (false: only a whole raw
     *                 image is read in place, other volumes are copied)
     */
    void run(GuestVolume volume, boolean atOffset, FindingSink sink, Monitor monitor) throws IOException {
        if (!volume.deepCheck().enabled()) return;
        // e2fsprogs splits a device name at its first '?' (the I/O options): such a file is reached through a link
        Optional<GuestVolume.RawRange> raw = volume.rawRange();
        Path link = null;
        if (raw.isPresent() && raw.get().file().toAbsolutePath().toString().contains("?")) {
            try {
                link = Files.createSymbolicLink(volume.deepCheck().tempFolder().resolve("vdisk-doctor-e2fsck-"
                        + UUID.randomUUID() + ".img"), raw.get().file().toAbsolutePath());
            } catch (IOException | UnsupportedOperationException e) {
                sink.report(DeepChecks.skipped(volume, TOOL, "the image's name contains '?', which e2fsck reads as "
                        + "the start of its I/O options, and no link to it could be made in the temporary folder ("
                        + e.getMessage() + ")"));
                return;
            }
        }
        try {
            check(volume, atOffset, raw, link, sink, monitor);
        } finally {
            if (link != null) Files.deleteIfExists(link);
        }
    }

    private void check(GuestVolume volume, boolean atOffset, Optional<GuestVolume.RawRange> raw, Path link,
            FindingSink sink, Monitor monitor) throws IOException {
        AtomicReference<String> given = new AtomicReference<>("");
        AtomicReference<String> where = new AtomicReference<>("on a temporary copy");
        DeepRun.Command real = (exe, t) -> {
            boolean inPlace = raw.isPresent() && t.file().equals(raw.get().file());
            Path file = inPlace && link != null ? link : t.file().toAbsolutePath();
            String name = file + (t.offset() > 0 ? "?offset=" + t.offset() : "");
            given.set(name);
            if (inPlace) where.set("read in place at byte " + t.offset() + " of the image");
            return List.of(exe.toString(), "-fn", name);
        };
        long t0 = System.nanoTime();
        Optional<ExternalTool.Result> ran = DeepRun.run(volume, tool, PACKAGE, atOffset,
                command == null ? real : command, sink, monitor);
        if (ran.isEmpty()) return;
        ExternalTool.Result r = ran.get();
        String how = "e2fsck -fn, " + where.get() + ", exit code " + r.exitCode() + ", "
                + seconds(Duration.ofNanos(System.nanoTime() - t0)) + (r.truncated() ? ", output cut at 1 MiB" : "");
        E2fsckOutput out = E2fsckOutput.parse(r.output(), given.get());
        Finding verdict = verdict(volume, out, r.exitCode(), how);
        if (verdict.code().equals(CoreCodes.DEEP_TOOL_FAILED)) {
            sink.report(verdict);
            return;
        }
        if (out.journalSkipped()) {
            sink.report(volume.finding(Ext4Codes.DEEP_JOURNAL_RECOVERY, "the journal holds changes that were never "
                    + "written to the filesystem; e2fsck -n does not replay it (\"skipping journal recovery because "
                    + "doing a read-only filesystem check\"), so it checked the filesystem without them (" + how
                    + "). A read-write mount, or e2fsck without -n on a copy, replays the journal first", 0, 0));
        }
        sink.report(verdict);
    }

    private static Finding verdict(GuestVolume v, E2fsckOutput out, int exit, String how) {
        String version = out.version() == null ? TOOL : out.version();
        switch (out.superblock()) {
            case UNUSABLE -> {
                if ((exit & 8) == 0) return disagree(v, out, exit, "it could not open the filesystem");
                String suggest = out.backupSuggestions().isEmpty() ? "and suggests no backup"
                        : "and suggests " + out.backupSuggestions().stream().map(b -> "e2fsck -b " + b)
                                .collect(Collectors.joining(" or "));
                return v.finding(Ext4Codes.DEEP_SUPERBLOCK_UNUSABLE, version + " cannot open this filesystem: "
                        + quote(out.superblockReason()) + "; it found no usable backup superblock by itself "
                        + suggest + " (" + how + "). Run that on a copy of the filesystem, with -b naming a backup "
                        + "that really exists (dumpe2fs or this report's own superblock findings name them)",
                        Superblock.PRIMARY_OFFSET, Superblock.SIZE);
            }
            case BACKUP_USED -> {
                if (!out.complete() && !out.aborted()) return notUnderstood(v, out, "it did not finish its passes");
                if (out.foundProblems() != ((exit & 4) != 0)) return disagree(v, out, exit, problemsWord(out));
                String found = out.foundProblems() ? "from there it found " + problems(out.problemCount())
                        + " it would fix" + (out.aborted() ? " before it aborted" : "") + ": "
                        + quote(out.problemLines()) : "from there it found no problems";
                return v.finding(Ext4Codes.DEEP_SUPERBLOCK_UNUSABLE, version + " could not use the primary "
                        + "superblock (" + quote(out.superblockReason()) + ") and checked the filesystem from a backup "
                        + "superblock instead; " + found + " (" + how + ")" + (out.foundProblems() ? ". Many of these come "
                        + "from the backup's older view of the groups" : "") + "; e2fsck without -n on a copy "
                        + "rewrites the primary from the backup",
                        Superblock.PRIMARY_OFFSET, Superblock.SIZE);
            }
            default -> {
                if (out.openFailure() != null) {
                    return DeepChecks.toolFailed(v, TOOL, "it could not open the filesystem: "
                            + quote(out.openFailure()));
                }
                if (out.foundProblems()) {
                    if ((exit & 4) == 0) return disagree(v, out, exit, problemsWord(out));
                    return v.finding(Ext4Codes.DEEP_PROBLEMS, version + " found " + problems(out.problemCount())
                            + " it would fix" + (out.aborted() ? " and aborted before the end" : "") + " ("
                            + how + "): " + quote(out.problemLines()) + (out.journalSkipped() ? " — the journal was "
                            + "not replayed, so some may vanish once it is" : ""), 0, 0);
                }
                if (exit != 0) return disagree(v, out, exit, "it reported no problem");
                if (!out.problemLines().isEmpty()) return notUnderstood(v, out, "a line it printed is not understood");
                if (!out.complete()) return notUnderstood(v, out, "it did not finish its five passes");
                return v.finding(Ext4Codes.DEEP_CLEAN, version + " found no problems in this " + v.volume()
                        .filesystem() + " filesystem (" + how + ")", 0, 0);
            }
        }
    }

    private static String problemsWord(E2fsckOutput out) {
        return out.foundProblems() ? "it reported " + problems(out.problemCount()) : "it reported no problem";
    }

    private static String problems(int n) {
        return n == 1 ? "1 problem" : n + " problems";
    }

    private static Finding disagree(GuestVolume v, E2fsckOutput out, int exit, String text) {
        return DeepChecks.toolFailed(v, TOOL, "its text and its exit code disagree: " + text + (out.problemLines()
                .isEmpty() ? "" : " (" + quote(out.problemLines()) + ")") + " but exited with code " + exit);
    }

    private static Finding notUnderstood(GuestVolume v, E2fsckOutput out, String why) {
        List<String> lines = out.problemLines();
        return DeepChecks.toolFailed(v, TOOL, why + (lines.isEmpty() ? "" : ": " + quote(lines)));
    }

    private static String quote(String line) {
        return quote(line == null ? List.of() : List.of(line));
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

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
