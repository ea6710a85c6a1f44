// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.catalog;

import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;

/** A declared finding code: its default severity, a one-line title, an explanation, and the bundle declaring it. */
public record CatalogEntry(FindingCode code, Severity defaultSeverity, String title, String explanation,
        String origin) {
}
