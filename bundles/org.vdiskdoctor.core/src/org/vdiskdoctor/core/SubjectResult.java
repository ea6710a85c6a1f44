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
 * @param volumes the guest disk's volumes (whole disk first, then partitions) with the filesystem found in each;
 *        empty when the image could not be read as a guest disk or no volume support is installed
 */
public record SubjectResult(Path path, SubjectKind kind, String format, long virtualSize, long fileSize,
        List<ChainLink> chain, List<Finding> findings, StructureNode structure, boolean toolFailure,
        Duration elapsed, List<Volume> volumes) {

    public SubjectResult {
        chain = List.copyOf(chain);
        findings = List.copyOf(findings);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }

    /** A result without volumes (folders, files that are not disks). */
    public SubjectResult(Path path, SubjectKind kind, String format, long virtualSize, long fileSize,
            List<ChainLink> chain, List<Finding> findings, StructureNode structure, boolean toolFailure,
            Duration elapsed) {
        this(path, kind, format, virtualSize, fileSize, chain, findings, structure, toolFailure, elapsed, List.of());
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
