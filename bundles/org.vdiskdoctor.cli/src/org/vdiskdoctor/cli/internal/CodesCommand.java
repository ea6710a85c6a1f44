// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import org.vdiskdoctor.cli.VDiskDoctorCli;
import org.vdiskdoctor.core.catalog.CatalogEntry;
import org.vdiskdoctor.core.catalog.FindingCatalog;

import com.fasterxml.jackson.core.JsonGenerator;

import org.vdiskdoctor.cli.internal.CommandSyntax.Operands;
import org.vdiskdoctor.cli.internal.CommandSyntax.Option;

/** {@code codes}: every finding code the installed bundles can report. */
public final class CodesCommand implements Subcommand {

    static final Option JSON = new Option(List.of("--json"), null, null, "Print JSON (schema in docs/cli.md).");
    static final Option VERBOSE = new Option(List.of("-v", "--verbose"), null, null,
            "Also print each code's explanation.");
    static final CommandSyntax SYNTAX = new CommandSyntax("codes",
            "List every finding code the installed bundles can report, with default severity and title.",
            new Operands("", 0, 0, ""), List.of(JSON, VERBOSE));

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public int run(ParsedArgs a, VDiskDoctorCli.Context ctx, PrintWriter out, PrintWriter err) throws IOException {
        FindingCatalog catalog = ctx.engine().get().catalog();
        List<CatalogEntry> entries = catalog.entries();
        if (a.has(JSON)) {
            try (JsonGenerator g = JsonReport.generator(out)) {
                g.writeStartObject();
                g.writeNumberField("schemaVersion", JsonReport.SCHEMA_VERSION);
                g.writeArrayFieldStart("codes");
                for (CatalogEntry e : entries) {
                    g.writeStartObject();
                    g.writeStringField("code", e.code().value());
                    g.writeStringField("severity", e.defaultSeverity().label());
                    g.writeStringField("title", e.title());
                    g.writeStringField("explanation", e.explanation());
                    g.writeStringField("bundle", e.origin());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            out.println();
        } else {
            for (CatalogEntry e : entries) {
                out.printf("%-40s %-8s %s%n", e.code(), e.defaultSeverity().label(), e.title());
                if (a.has(VERBOSE)) out.printf("    %s%n", e.explanation());
            }
        }
        return 0;
    }
}
