// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.BackingReference;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.core.spi.ProbeHeader;

/**
 * What one run of a format driver produced, as the engine would run it on a file: its score, the findings of opening
 * and checking (severities filled in from the catalog), the structure, the backing reference and the guest view.
 *
 * @param score the driver's probe score of the file's first bytes
 * @param findings every finding, with a severity
 * @param structure what describe() returned
 * @param backing the backing file the image names, if any
 * @param linkIds the identities a child stores to name this image as its parent
 * @param virtualSize the guest disk's size
 * @param guestReader whether the opened image reads guest bytes
 * @param format the opened image's format name
 */
public record DriverRun(int score, List<Finding> findings, StructureNode structure, Optional<BackingReference> backing,
        Map<String, String> linkIds, long virtualSize, boolean guestReader, String format) {

    /**
     * Scores, opens, checks ({@link OpenedImage#check(org.vdiskdoctor.core.spi.FindingSink, Monitor)}) and describes
     * {@code file} with {@code driver}, asserting that every finding is in {@code catalog}, names the file and has
     * evidence.
     */
    public static DriverRun of(FormatDriver driver, Path file, FindingCatalog catalog) throws IOException {
        return of(driver, file, catalog, null, true);
    }

    /**
     * The same with deep checks as {@code deep} says (null: the plain check), and the file-name assertion only when
     * {@code messagesNameFile} (a multi-file format may name the extent instead).
     */
    public static DriverRun of(FormatDriver driver, Path file, FindingCatalog catalog, DeepCheck deep,
            boolean messagesNameFile) throws IOException {
        List<Finding> found = new ArrayList<>();
        try (ImageSource src = ImageSource.open(file)) {
            int score = driver.score(new ProbeHeader(file, src.size(), src.readUpTo(0, ProbeHeader.LENGTH)));
            try (OpenedImage img = driver.open(src, found::add, Monitor.NONE)) {
                if (deep == null) {
                    img.check(found::add, Monitor.NONE);
                } else {
                    img.check(found::add, Monitor.NONE, deep);
                }
                StructureNode structure = img.describe();
                List<Finding> withSeverity = new ArrayList<>();
                for (Finding f : found) {
                    assertTrue(catalog.contains(f.code()), () -> f.code() + " is not declared in the catalog");
                    if (messagesNameFile) {
                        assertTrue(f.message().contains(file.toString()), () -> "message does not name the file: "
                                + f.message());
                    }
                    assertTrue(!f.evidence().isEmpty(), () -> "no evidence: " + f.message());
                    withSeverity.add(f.severity() != null ? f : f.withSeverity(catalog.defaultSeverity(f.code())));
                }
                return new DriverRun(score, withSeverity, structure, img.backing(), img.linkIds(), img.virtualSize(),
                        img instanceof GuestReader, img.format());
            }
        }
    }

    /** Every finding's code, in order. */
    public List<FindingCode> codes() {
        return findings.stream().map(Finding::code).toList();
    }

    /** Whether a finding of {@code code} is there. */
    public boolean has(FindingCode code) {
        return findings.stream().anyMatch(f -> f.code().equals(code));
    }

    /** How many findings of {@code code} there are. */
    public long count(FindingCode code) {
        return findings.stream().filter(f -> f.code().equals(code)).count();
    }

    /** The first finding of {@code code}; fails when there is none. */
    public Finding get(FindingCode code) {
        return findings.stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + this));
    }

    /** Findings of {@code min} severity or worse. */
    public List<Finding> atLeast(Severity min) {
        return findings.stream().filter(f -> f.severity().compareTo(min) >= 0).toList();
    }

    @Override
    public String toString() {
        return findings.stream().map(f -> f.severity() + " " + f.code() + ": " + f.message())
                .collect(Collectors.joining("\n  ", "findings:\n  ", ""));
    }
}
