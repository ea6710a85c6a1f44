// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the engine learned about one subject. The CLI and the UI both render this object.
 *
 * @param path the path as the user gave it (or as found in a folder scan)
 * @param format the detected format id of the top image, {@code null} when none was opened
 * @param virtualSize guest-visible size in bytes, {@code -1} when unknown
 * @param fileSize the size of the file or device in bytes, {@code -1} when unknown
 * @param chain the backing chain, top first (one element for an image without backing)
 * @param structure the top image's structure description, {@code null} when not opened
 * @param toolFailure set when the tool itself failed on this subject (internal error, time budget); the CLI exits 1
 */
public record SubjectResult(Path path, SubjectKind kind, String format, long virtualSize, long fileSize,
        List<ChainLink> chain, List<Finding> findings, StructureNode structure, boolean toolFailure,
        Duration elapsed) {

    public SubjectResult {
        chain = List.copyOf(chain);
        findings = List.copyOf(findings);
    }

    /** The worst severity among the findings, {@code null} when there are none. */
    public Severity worst() {
        Severity w = null;
        for (Finding f : findings) w = Severity.worst(w, f.severity());
        return w;
    }

    public long count(Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }

    public boolean has(FindingCode code) {
        return findings.stream().anyMatch(f -> f.code().equals(code));
    }
}
