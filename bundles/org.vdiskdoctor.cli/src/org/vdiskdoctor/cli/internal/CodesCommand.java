// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.vdiskdoctor.cli.VDiskDoctorCli;
import org.vdiskdoctor.core.catalog.CatalogEntry;
import org.vdiskdoctor.core.catalog.FindingCatalog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code codes}: every finding code the installed bundles can report. */
@Command(name = "codes", mixinStandardHelpOptions = true,
        description = "List every finding code the installed bundles can report, with default severity and title.")
public final class CodesCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
    boolean json;

    @Option(names = { "-v", "--verbose" }, description = "Also print each code's explanation.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One catalog entry in the JSON output. */
    record CodeDto(String code, String severity, String title, String explanation, String bundle) {
    }

    /** The JSON document of {@code codes --json}. */
    record CodesDto(int schemaVersion, List<CodeDto> codes) {
    }

    @Override
    public Integer call() throws Exception {
        FindingCatalog catalog = VDiskDoctorCli.context().engine().get().catalog();
        PrintWriter out = spec.commandLine().getOut();
        List<CatalogEntry> entries = catalog.entries();
        if (json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            List<CodeDto> dtos = entries.stream().map(e -> new CodeDto(e.code().value(),
                    e.defaultSeverity().label(), e.title(), e.explanation(), e.origin())).toList();
            m.writeValue(out, new CodesDto(JsonReport.SCHEMA_VERSION, dtos));
            out.println();
        } else {
            for (CatalogEntry e : entries) {
                out.printf("%-40s %-8s %s%n", e.code(), e.defaultSeverity().label(), e.title());
                if (verbose) out.printf("    %s%n", e.explanation());
            }
        }
        return 0;
    }
}
