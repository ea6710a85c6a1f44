// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.vdiskdoctor.cli.internal.CommandSyntax.Option;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.DeepCheck;

/** Options shared by the commands that run the engine. */
final class EngineOptions {

    static final Option ALLOW_DIR = new Option(List.of("--allow-dir"), "DIR", null,
            "Also follow stored file names (backing files, extents) into DIR. Repeatable.");
    static final Option ALLOW_OUTSIDE = new Option(List.of("--allow-outside"), null, null,
            "Follow stored file names anywhere, not only inside the folders given.");
    static final Option MAX_CHAIN_DEPTH = new Option(List.of("--max-chain-depth"), "N", "64",
            "Follow at most N parents of an image.");
    static final Option BUDGET = new Option(List.of("--budget"), "SECONDS", "1800",
            "Time budget per file in seconds; when it runs out the exit code is 1.");
    static final Option DEEP = new Option(List.of("--deep"), null, null,
            "Also run each filesystem's own checker read-only (e2fsck -n, xfs_repair -n, ntfsfix -n, fsck.fat -n) "
                    + "when installed, on the volume in place (raw images) or on a sparse temporary copy.");
    static final Option TEMP_DIR = new Option(List.of("--temp-dir"), "DIR", null,
            "Folder for the temporary volume copies of --deep (default: the system's temporary folder).");
    static final Option DEEP_MAX = new Option(List.of("--deep-max"), "BYTES", "17179869184",
            "Largest volume --deep copies, in bytes (17179869184 = 16 GiB).");
    static final Option DEEP_TIMEOUT = new Option(List.of("--deep-timeout"), "SECONDS", "600",
            "Time limit for one filesystem tool run of --deep.");

    static final List<Option> OPTIONS = List.of(ALLOW_DIR, ALLOW_OUTSIDE, MAX_CHAIN_DEPTH, BUDGET, DEEP, TEMP_DIR,
            DEEP_MAX, DEEP_TIMEOUT);

    private EngineOptions() {
    }

    /** The engine options; bad values are usage errors (exit 64). */
    static DiagnosisOptions toOptions(ParsedArgs a, boolean recursive, boolean describe) throws UsageException {
        int maxChainDepth = a.intValue(MAX_CHAIN_DEPTH);
        if (maxChainDepth < 0) throw new UsageException("--max-chain-depth must be >= 0", a.syntax());
        double budgetSeconds = a.doubleValue(BUDGET);
        if (!(budgetSeconds > 0)) throw new UsageException("--budget must be > 0", a.syntax());
        Duration budget = Duration.ofNanos((long) Math.max(1, Math.min(budgetSeconds * 1e9, Long.MAX_VALUE / 2)));
        long deepMax = a.longValue(DEEP_MAX);
        if (deepMax < 0) throw new UsageException("--deep-max must be >= 0", a.syntax());
        long deepTimeoutSeconds = a.longValue(DEEP_TIMEOUT);
        if (deepTimeoutSeconds <= 0) throw new UsageException("--deep-timeout must be > 0", a.syntax());
        Path tempDir = a.path(TEMP_DIR);
        DeepCheck deepCheck = !a.has(DEEP) ? DeepCheck.OFF
                : new DeepCheck(true, tempDir != null ? tempDir : Path.of(System.getProperty("java.io.tmpdir")),
                        deepMax, Duration.ofSeconds(Math.min(deepTimeoutSeconds, Long.MAX_VALUE / 1_000_000_000L)));
        return new DiagnosisOptions(a.paths(ALLOW_DIR), a.has(ALLOW_OUTSIDE), recursive, maxChainDepth, budget,
                describe, deepCheck);
    }

    /** The command's own options followed by these. */
    static List<Option> with(Option... own) {
        List<Option> all = new java.util.ArrayList<>(List.of(own));
        all.addAll(OPTIONS);
        return all;
    }
}
