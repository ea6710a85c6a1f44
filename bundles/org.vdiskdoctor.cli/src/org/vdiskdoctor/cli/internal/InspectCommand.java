// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import org.vdiskdoctor.cli.VDiskDoctorCli;
import org.vdiskdoctor.cli.internal.CommandSyntax.Operands;
import org.vdiskdoctor.cli.internal.CommandSyntax.Option;
import org.vdiskdoctor.core.DiagnosisResult;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;

/** {@code inspect}: the structure of one image, field by field with byte offsets, and its findings. */
public final class InspectCommand implements Subcommand {

    static final Option JSON = new Option(List.of("--json"), null, null,
            "Print JSON (schema in docs/cli.md) and nothing else on stdout.");
    static final CommandSyntax SYNTAX = new CommandSyntax("inspect",
            "Show an image's on-disk structure (fields with offsets) and its findings. Never writes.",
            new Operands("PATH", 1, 1, "An image file or block device."), EngineOptions.with(JSON));

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public int run(ParsedArgs a, VDiskDoctorCli.Context ctx, PrintWriter out, PrintWriter err)
            throws UsageException, IOException {
        DiagnosisOptions options = EngineOptions.toOptions(a, false, true);
        var path = a.operandPaths().get(0);
        DiagnosisEngine engine = ctx.engine().get();
        StderrProgress progress = new StderrProgress(err, ctx.stderrIsTerminal());
        SubjectResult r = engine.diagnoseImage(path, options, progress);
        progress.clear();
        if (a.has(JSON)) {
            try (JsonReport report = JsonReport.start(out, ctx.version(), engine.catalog())) {
                report.subject(r, true);
                report.finish(List.of(r));
            }
        } else {
            TextReport text = new TextReport(out, engine.catalog());
            text.structure(r);
            text.subject(r);
        }
        AotTraining.renderBothWays(List.of(r), ctx.version(), engine.catalog());
        return DiagnosisResult.exitCode(List.of(r));
    }
}
