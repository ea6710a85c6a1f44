// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import org.vdiskdoctor.core.ByteSize;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import org.vdiskdoctor.core.ChainLink;
import org.vdiskdoctor.core.DiagnosisResult;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.core.catalog.FindingCatalog;

/** The human-readable rendering of results: one block per subject, then a summary line. */
final class TextReport {

    private final PrintWriter out;
    private final FindingCatalog catalog;

    TextReport(PrintWriter out, FindingCatalog catalog) {
        this.out = out;
        this.catalog = catalog;
    }

    void subject(SubjectResult r) {
        Severity worst = r.worst();
        String verdict = r.toolFailure() ? "FAILED" : worst == null ? "OK" : worst.label().toUpperCase(Locale.ROOT);
        StringBuilder head = new StringBuilder().append(r.path()).append(": ");
        if (r.format() != null) head.append(r.format());
        else head.append(r.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (r.virtualSize() >= 0) head.append(", ").append(size(r.virtualSize())).append(" virtual");
        if (r.fileSize() >= 0) head.append(", ").append(size(r.fileSize())).append(" file");
        head.append(" — ").append(verdict);
        out.println(head);
        if (r.chain().size() > 1) {
            StringBuilder c = new StringBuilder("  chain: ");
            for (int i = 0; i < r.chain().size(); i++) {
                ChainLink l = r.chain().get(i);
                if (i > 0) c.append(" -> ");
                c.append(l.path() != null ? l.path().getFileName() : "'" + l.reference() + "' (unresolved)");
                if (l.format() != null) c.append(" [").append(l.format()).append(']');
            }
            out.println(c);
        }
        for (Volume v : r.volumes()) {
            if (v.isWholeDisk() && v.filesystem() == null) continue;
            out.printf("  volume %s: %s, guest byte %d, %s%s%n", v.id(), v.label(), v.offset(), size(v.length()),
                    v.filesystem() == null ? "" : " — " + v.filesystem());
        }
        for (Finding f : r.findings()) {
            out.printf("  %-7s %s: %s%n", f.severity().label(), f.code(), f.message());
            for (Evidence e : f.evidence()) {
                if (e.hasRange()) {
                    out.printf("          at %s, offset %d (0x%x), %d bytes%n", e.file(), e.offset(), e.offset(),
                            e.length());
                }
            }
            if (!f.repairIds().isEmpty()) out.printf("          repairs: %s%n", String.join(", ", f.repairIds()));
        }
        out.flush();
    }

    void structure(SubjectResult r) {
        if (r.structure() == null) {
            out.println(r.path() + ": no structure (not opened)");
            return;
        }
        print(r.structure(), 0);
    }

    private void print(StructureNode n, int depth) {
        String indent = "  ".repeat(depth);
        String where = n.offset() >= 0 ? String.format("  @0x%x+%d", n.offset(), n.length()) : "";
        out.println(indent + n.name() + (n.value().isEmpty() ? "" : " = " + n.value()) + where);
        for (StructureNode c : n.children()) print(c, depth + 1);
    }

    void summary(List<SubjectResult> all) {
        long e = 0, w = 0, i = 0;
        for (SubjectResult r : all) {
            e += r.count(Severity.ERROR);
            w += r.count(Severity.WARNING);
            i += r.count(Severity.INFO);
        }
        out.printf("%d subject%s: %d error%s, %d warning%s, %d info — exit code %d%n", all.size(),
                all.size() == 1 ? "" : "s", e, e == 1 ? "" : "s", w, w == 1 ? "" : "s", i,
                DiagnosisResult.exitCode(all));
        out.flush();
    }

    static String size(long bytes) {
        return ByteSize.format(bytes);
    }
}
