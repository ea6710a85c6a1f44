// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.vdiskdoctor.core.spi.DeepCheck;

/**
 * How a diagnosis runs.
 *
 * @param extraAllowedFolders folders, besides those the inputs name, that stored file names may point into
 * @param allowOutside follow stored file names anywhere (off by default)
 * @param recursive descend into sub-folders of folder inputs
 * @param maxChainDepth the most parents followed from one image
 * @param budgetPerFile wall-clock limit for one subject, backing chain included
 * @param describe also build each top image's structure description (for {@code inspect} and the UI)
 * @param deepCheck whether volume probes may run the real filesystem tools, and their limits
 */
public record DiagnosisOptions(List<Path> extraAllowedFolders, boolean allowOutside, boolean recursive,
        int maxChainDepth, Duration budgetPerFile, boolean describe, DeepCheck deepCheck) {

    public static final int DEFAULT_MAX_CHAIN_DEPTH = 64;
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(30);

    public DiagnosisOptions {
        extraAllowedFolders = List.copyOf(extraAllowedFolders);
        if (maxChainDepth < 0) throw new IllegalArgumentException("maxChainDepth < 0");
        if (budgetPerFile.isNegative() || budgetPerFile.isZero()) throw new IllegalArgumentException("budget <= 0");
        if (deepCheck == null) deepCheck = DeepCheck.OFF;
    }

    /** Options without deep checks. */
    public DiagnosisOptions(List<Path> extraAllowedFolders, boolean allowOutside, boolean recursive, int maxChainDepth,
            Duration budgetPerFile, boolean describe) {
        this(extraAllowedFolders, allowOutside, recursive, maxChainDepth, budgetPerFile, describe, DeepCheck.OFF);
    }

    public static DiagnosisOptions defaults() {
        return new DiagnosisOptions(List.of(), false, false, DEFAULT_MAX_CHAIN_DEPTH, DEFAULT_BUDGET, false,
                DeepCheck.OFF);
    }

    public DiagnosisOptions withRecursive(boolean r) {
        return new DiagnosisOptions(extraAllowedFolders, allowOutside, r, maxChainDepth, budgetPerFile, describe,
                deepCheck);
    }

    public DiagnosisOptions withDescribe(boolean d) {
        return new DiagnosisOptions(extraAllowedFolders, allowOutside, recursive, maxChainDepth, budgetPerFile, d,
                deepCheck);
    }

    public DiagnosisOptions withBudget(Duration b) {
        return new DiagnosisOptions(extraAllowedFolders, allowOutside, recursive, maxChainDepth, b, describe,
                deepCheck);
    }

    public DiagnosisOptions withAllowed(List<Path> folders, boolean outside) {
        return new DiagnosisOptions(folders, outside, recursive, maxChainDepth, budgetPerFile, describe, deepCheck);
    }

    public DiagnosisOptions withDeepCheck(DeepCheck d) {
        return new DiagnosisOptions(extraAllowedFolders, allowOutside, recursive, maxChainDepth, budgetPerFile, describe,
                d);
    }

    public DiagnosisOptions withMaxChainDepth(int depth) {
        return new DiagnosisOptions(extraAllowedFolders, allowOutside, recursive, depth, budgetPerFile, describe,
                deepCheck);
    }
}
