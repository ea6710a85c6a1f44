// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.DeepCheck;

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

    @Option(names = "--deep",
            description = "Also run each filesystem's own checker read-only (e2fsck -n, xfs_repair -n, ntfsfix -n, "
                    + "fsck.fat -n) when installed, on the volume in place (raw images) or on a sparse temporary copy.")
    boolean deep;

    @Option(names = "--temp-dir", paramLabel = "DIR",
            description = "Folder for the temporary volume copies of --deep (default: the system's temporary folder).")
    Path tempDir;

    @Option(names = "--deep-max", paramLabel = "BYTES", defaultValue = "17179869184",
            description = "Largest volume --deep copies, in bytes (default: ${DEFAULT-VALUE} = 16 GiB).")
    long deepMax;

    @Option(names = "--deep-timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Time limit for one filesystem tool run of --deep (default: ${DEFAULT-VALUE}).")
    long deepTimeoutSeconds;

    /** The engine options; bad values are usage errors (exit 64) of {@code spec}'s command. */
    DiagnosisOptions toOptions(CommandLine.Model.CommandSpec spec, boolean recursive, boolean describe) {
        if (maxChainDepth < 0) throw new CommandLine.ParameterException(spec.commandLine(), "--max-chain-depth must be >= 0");
        if (!(budgetSeconds > 0)) throw new CommandLine.ParameterException(spec.commandLine(), "--budget must be > 0");
        Duration budget = Duration.ofNanos((long) Math.max(1, Math.min(budgetSeconds * 1e9, Long.MAX_VALUE / 2)));
        if (deepMax < 0) throw new CommandLine.ParameterException(spec.commandLine(), "--deep-max must be >= 0");
        if (deepTimeoutSeconds <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--deep-timeout must be > 0");
        }
        DeepCheck deepCheck = !deep ? DeepCheck.OFF
                : new DeepCheck(true, tempDir != null ? tempDir : Path.of(System.getProperty("java.io.tmpdir")),
                        deepMax, Duration.ofSeconds(deepTimeoutSeconds));
        return new DiagnosisOptions(allowDirs, allowOutside, recursive, maxChainDepth, budget, describe, deepCheck);
    }
}
