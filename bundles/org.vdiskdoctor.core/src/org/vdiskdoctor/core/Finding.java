// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One thing a probe or driver found. The message names both sides of any mismatch ("backing file 'a.qcow2' is
 * missing in /vm", "header says 4096 entries, the table holds 12"). The severity may be {@code null} until the
 * engine fills in the catalog's default for the code.
 */
public record Finding(FindingCode code, Severity severity, String message, List<Evidence> evidence,
        List<String> repairIds) {

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        evidence = List.copyOf(evidence);
        repairIds = List.copyOf(repairIds);
    }

    public static Builder of(FindingCode code, String message) {
        return new Builder(code, message);
    }

    public Finding withSeverity(Severity s) {
        return new Finding(code, s, message, evidence, repairIds);
    }

    /** Builds a finding; {@link #severity(Severity)} is optional (the catalog default applies). */
    public static final class Builder {
        private final FindingCode code;
        private final String message;
        private Severity severity;
        private final List<Evidence> evidence = new ArrayList<>();
        private final List<String> repairIds = new ArrayList<>();

        private Builder(FindingCode code, String message) {
            this.code = code;
            this.message = message;
        }

        public Builder severity(Severity s) {
            this.severity = s;
            return this;
        }

        public Builder at(Path file, long offset, long length) {
            evidence.add(Evidence.of(file, offset, length));
            return this;
        }

        public Builder file(Path file) {
            evidence.add(Evidence.wholeFile(file));
            return this;
        }

        public Builder repair(String repairId) {
            repairIds.add(repairId);
            return this;
        }

        public Finding build() {
            return new Finding(code, severity, message, evidence, repairIds);
        }
    }
}
