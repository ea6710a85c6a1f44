// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import java.util.List;
import java.util.Set;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.SubjectResult;

/**
 * A repair strategy, contributed as a DS service with the component property {@value #ID_PROPERTY}. A repair is
 * first a {@link Plan}: the byte ranges and files it will change, shown to the user. Applying, backing up and
 * undoing plans is the engine's job (a later issue), and only bundles an administrator pinned may apply.
 */
public interface Repair {

    String ID_PROPERTY = "vdiskdoctor.repair";

    String id();

    /** The finding codes this repair addresses. */
    Set<FindingCode> addresses();

    /** A plan for fixing {@code finding} in {@code subject}; never changes anything. */
    Plan plan(SubjectResult subject, Finding finding);

    /** What a repair would change: every byte range of every file, with the new content's description. */
    record Plan(String summary, List<Change> changes) {
        public Plan {
            changes = List.copyOf(changes);
        }
    }

    /** One byte range to be replaced. */
    record Change(java.nio.file.Path file, long offset, long length, String description) {
    }
}
