// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.parts;

import org.vdiskdoctor.core.ByteSize;

import java.nio.file.Path;
import java.util.Locale;

import org.vdiskdoctor.core.ChainLink;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.Volume;

/** The short texts the parts show for core objects (the same words the command line prints). */
public final class Labels {

    private Labels() {
    }

    /** "qcow2, 16.0 MiB virtual, 12.1 KiB file — ERROR". */
    public static String summary(SubjectResult r) {
        StringBuilder b = new StringBuilder();
        b.append(r.format() != null ? r.format() : r.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (r.virtualSize() >= 0) b.append(", ").append(size(r.virtualSize())).append(" virtual");
        if (r.fileSize() >= 0) b.append(", ").append(size(r.fileSize())).append(" file");
        return b.append(" — ").append(verdict(r)).toString();
    }

    /** The navigator's short form: "qcow2, 16.0 MiB — ERROR" (format or kind, virtual size, verdict). */
    public static String shortSummary(SubjectResult r) {
        StringBuilder b = new StringBuilder();
        b.append(r.format() != null ? r.format() : r.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (r.virtualSize() >= 0) b.append(", ").append(size(r.virtualSize()));
        return b.append(" — ").append(verdict(r)).toString();
    }

    /** OK, INFO, WARNING, ERROR, or FAILED when the tool itself failed. */
    public static String verdict(SubjectResult r) {
        Severity w = r.worst();
        return r.toolFailure() ? "FAILED" : w == null ? "OK" : w.label().toUpperCase(Locale.ROOT);
    }

    /** A backing chain link: the file name and format, or the stored name when it did not resolve. */
    public static String link(ChainLink l) {
        String name = l.path() != null ? String.valueOf(l.path().getFileName()) : "'" + l.reference() + "' (unresolved)";
        return l.format() != null ? name + " [" + l.format() + "]" : name;
    }

    /**
     * A volume: {@code GPT partition 2 "root" (Linux filesystem) — 63.0 MiB at guest byte 1048576, ext4} (the
     * filesystem when a probe recognised one).
     */
    public static String volume(Volume v) {
        return v.label() + " — " + size(v.length()) + " at guest byte " + v.offset()
                + (v.filesystem() != null ? ", " + v.filesystem() : "");
    }

    /** The file a finding's first evidence names, else {@code fallback}. */
    public static Path file(Finding f, Path fallback) {
        return f.evidence().isEmpty() ? fallback : f.evidence().get(0).file();
    }

    /** The first byte offset a finding's evidence names, {@code -1} when none. */
    public static long offset(Finding f) {
        for (Evidence e : f.evidence()) {
            if (e.hasRange()) return e.offset();
        }
        return -1;
    }

    /** "0x1fe (510)", or "" for -1. */
    public static String offset(long offset) {
        return offset < 0 ? "" : String.format(Locale.ROOT, "0x%x (%d)", offset, offset);
    }

    /** Binary units, as the command line prints them. */
    public static String size(long bytes) {
        return ByteSize.format(bytes);
    }
}
