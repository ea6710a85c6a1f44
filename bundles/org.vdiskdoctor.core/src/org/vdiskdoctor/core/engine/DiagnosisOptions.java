// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a diagnosis runs.
 *
 * @param extraAllowedFolders folders, besides those the inputs name, that stored file names may point into
 * @param allowOutside follow stored file names anywhere (off by default)
 * @param recursive descend into sub-folders of folder inputs
 * @param maxChainDepth the most parents followed from one image
 * @param budgetPerFile wall-clock limit for one subject, backing chain included
 * @param describe also build each top image's structure description (for {@code inspect} and the UI)
 */
public record DiagnosisOptions(List<Path> extraAllowedFolders, boolean allowOutside, boolean recursive,
        int maxChainDepth, Duration budgetPerFile, boolean describe) {

    public static final int DEFAULT_MAX_CHAIN_DEPTH = 64;
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(30);

    public DiagnosisOptions {
        extraAllowedFolders = List.copyOf(extraAllowedFolders);
        if (maxChainDepth < 0) throw new IllegalArgumentException("maxChainDepth < 0");
        if (budgetPerFile.isNegative() || budgetPerFile.isZero()) throw new IllegalArgumentException("budget <= 0");
    }

    public static DiagnosisOptions defaults() {
        return new DiagnosisOptions(List.of(), false, false, DEFAULT_MAX_CHAIN_DEPTH, DEFAULT_BUDGET, false);
    }

    public DiagnosisOptions withRecursive(boolean r) {
        return new DiagnosisOptions(extraAllowedFolders, allowOutside, r, maxChainDepth, budgetPerFile, describe);
    }

    public DiagnosisOptions withDescribe(boolean d) {
        return new DiagnosisOptions(extraAllowedFolders, allowOutside, recursive, maxChainDepth, budgetPerFile, d);
    }

    public DiagnosisOptions withBudget(Duration b) {
        return new DiagnosisOptions(extraAllowedFolders, allowOutside, recursive, maxChainDepth, b, describe);
    }

    public DiagnosisOptions withAllowed(List<Path> folders, boolean outside) {
        return new DiagnosisOptions(folders, outside, recursive, maxChainDepth, budgetPerFile, describe);
    }

    public DiagnosisOptions withMaxChainDepth(int depth) {
        return new DiagnosisOptions(extraAllowedFolders, allowOutside, recursive, depth, budgetPerFile, describe);
    }
}
