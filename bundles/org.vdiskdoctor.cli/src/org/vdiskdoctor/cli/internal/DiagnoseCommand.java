// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.vdiskdoctor.cli.VDiskDoctorCli;
import org.vdiskdoctor.core.DiagnosisResult;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code diagnose}: check images, chains and folders, read-only. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Diagnose disk images, their backing chains, and folders of them. Never writes.")
public final class DiagnoseCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON document (schema in docs/cli.md) and nothing else on stdout.")
    boolean json;

    @Option(names = { "-r", "--recursive" }, description = "Descend into sub-folders of the folders given.")
    boolean recursive;

    @Mixin
    EngineOptions engineOptions;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Image files, block devices or folders.")
    List<Path> paths = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        DiagnosisOptions options = engineOptions.toOptions(spec, recursive, false);
        VDiskDoctorCli.Context ctx = VDiskDoctorCli.context();
        DiagnosisEngine engine = ctx.engine().get();
        PrintWriter out = spec.commandLine().getOut();
        StderrProgress progress = new StderrProgress(spec.commandLine().getErr(), ctx.stderrIsTerminal());
        List<SubjectResult> all = new ArrayList<>();
        if (json) {
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
        return DiagnosisResult.exitCode(all);
    }
}
