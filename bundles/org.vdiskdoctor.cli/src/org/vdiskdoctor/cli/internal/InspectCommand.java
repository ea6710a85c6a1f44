// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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

/** {@code inspect}: the structure of one image, field by field with byte offsets, and its findings. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show an image's on-disk structure (fields with offsets) and its findings. Never writes.")
public final class InspectCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON (schema in docs/cli.md) and nothing else on stdout.")
    boolean json;

    @Mixin
    EngineOptions engineOptions;

    @Parameters(arity = "1", paramLabel = "PATH", description = "An image file or block device.")
    Path path;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        DiagnosisOptions options = engineOptions.toOptions(spec, false, true);
        VDiskDoctorCli.Context ctx = VDiskDoctorCli.context();
        DiagnosisEngine engine = ctx.engine().get();
        StderrProgress progress = new StderrProgress(spec.commandLine().getErr(), ctx.stderrIsTerminal());
        SubjectResult r = engine.diagnoseImage(path, options, progress);
        progress.clear();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            try (JsonReport report = JsonReport.start(out, ctx.version(), engine.catalog())) {
                report.subject(r, true);
                report.finish(List.of(r));
            }
        } else {
            TextReport text = new TextReport(out, engine.catalog());
            text.structure(r);
            text.subject(r);
        }
        return DiagnosisResult.exitCode(List.of(r));
    }
}
