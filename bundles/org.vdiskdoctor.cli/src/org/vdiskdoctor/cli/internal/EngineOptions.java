// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.engine.DiagnosisOptions;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options shared by the commands that run the engine. */
public final class EngineOptions {

    @Option(names = "--allow-dir", paramLabel = "DIR",
            description = "Also follow stored file names (backing files, extents) into DIR. Repeatable.")
    List<Path> allowDirs = new ArrayList<>();

    @Option(names = "--allow-outside",
            description = "Follow stored file names anywhere, not only inside the folders given.")
    boolean allowOutside;

    @Option(names = "--max-chain-depth", paramLabel = "N", defaultValue = "64",
            description = "Follow at most N parents of an image (default: ${DEFAULT-VALUE}).")
    int maxChainDepth;

    @Option(names = "--budget", paramLabel = "SECONDS", defaultValue = "1800",
            description = "Time budget per file in seconds; when it runs out the exit code is 1 (default: ${DEFAULT-VALUE}).")
    double budgetSeconds;

    /** The engine options; bad values are usage errors (exit 64) of {@code spec}'s command. */
    DiagnosisOptions toOptions(CommandLine.Model.CommandSpec spec, boolean recursive, boolean describe) {
        if (maxChainDepth < 0) throw new CommandLine.ParameterException(spec.commandLine(), "--max-chain-depth must be >= 0");
        if (!(budgetSeconds > 0)) throw new CommandLine.ParameterException(spec.commandLine(), "--budget must be > 0");
        Duration budget = Duration.ofNanos((long) Math.max(1, Math.min(budgetSeconds * 1e9, Long.MAX_VALUE / 2)));
        return new DiagnosisOptions(allowDirs, allowOutside, recursive, maxChainDepth, budget, describe);
    }
}
