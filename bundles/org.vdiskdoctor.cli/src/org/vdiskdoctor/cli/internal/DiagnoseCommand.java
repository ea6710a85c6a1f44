// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.cli.VDiskDoctorCli;
import org.vdiskdoctor.cli.internal.CommandSyntax.Operands;
import org.vdiskdoctor.cli.internal.CommandSyntax.Option;
import org.vdiskdoctor.core.DiagnosisResult;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;

/** {@code diagnose}: check images, chains and folders, read-only. */
public final class DiagnoseCommand implements Subcommand {

    static final Option JSON = new Option(List.of("--json"), null, null,
            "Print one JSON document (schema in docs/cli.md) and nothing else on stdout.");
    static final Option RECURSIVE = new Option(List.of("-r", "--recursive"), null, null,
            "Descend into sub-folders of the folders given.");
    static final CommandSyntax SYNTAX = new CommandSyntax("diagnose",
            "Diagnose disk images, their backing chains, and folders of them. Never writes.",
            new Operands("PATH", 1, Integer.MAX_VALUE, "Image files, block devices or folders."),
            EngineOptions.with(JSON, RECURSIVE));

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public int run(ParsedArgs a, VDiskDoctorCli.Context ctx, PrintWriter out, PrintWriter err)
            throws UsageException, IOException {
        DiagnosisOptions options = EngineOptions.toOptions(a, a.has(RECURSIVE), false);
        var paths = a.operandPaths();
        DiagnosisEngine engine = ctx.engine().get();
        StderrProgress progress = new StderrProgress(err, ctx.stderrIsTerminal());
        List<SubjectResult> all = new ArrayList<>();
        if (a.has(JSON)) {
            try (JsonReport report = JsonReport.start(out, ctx.version(), engine.catalog())) {
                engine.diagnose(paths, options, progress, r -> {
                    progress.clear();
                    all.add(r);
                    report.subject(r, false);
                });
                report.finish(all);
            }
        } else {
            TextReport text = new TextReport(out, engine.catalog());
            engine.diagnose(paths, options, progress, r -> {
                progress.clear();
                all.add(r);
                text.subject(r);
            });
            text.summary(all);
        }
        progress.clear();
        AotTraining.renderBothWays(all, ctx.version(), engine.catalog());
        return DiagnosisResult.exitCode(all);
    }
}
