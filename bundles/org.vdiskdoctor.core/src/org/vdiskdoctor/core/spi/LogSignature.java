// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import java.util.Optional;

import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;

/**
 * Recognises one kind of hypervisor log line ({@code DISKLIB-LINK : Attach: Content ID mismatch}, {@code Failed to
 * get "write" lock}, …). Contributed as a DS service with the component property {@value #ID_PROPERTY}.
 */
public interface LogSignature {

    String ID_PROPERTY = "vdiskdoctor.logsignature";

    String id();

    /** A match for {@code line}, or empty. Must be fast and must not throw. */
    Optional<Match> match(String line);

    /** What a matched line means. */
    record Match(FindingCode code, Severity severity, String explanation) {
    }
}
