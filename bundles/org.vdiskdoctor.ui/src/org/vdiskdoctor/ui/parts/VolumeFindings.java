// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.parts;

import java.util.List;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.Volume;

/**
 * The findings of a result that are about one of its volumes. A volume probe's finding carries no volume id, but
 * every one is made by {@code GuestVolume.finding}, whose message reads {@code "<file>: <volume label> at guest byte
 * <offset>: …"}; label and offset together name one volume of a result (the engine keeps one volume per byte range),
 * so the match is exact without adding anything to the core.
 */
public final class VolumeFindings {

    private VolumeFindings() {
    }

    /** The findings of {@code r} about {@code v}, in order. */
    public static List<Finding> of(SubjectResult r, Volume v) {
        String marker = ": " + v.label() + " at guest byte " + v.offset() + ": ";
        return r.findings().stream().filter(f -> f.message().contains(marker)).toList();
    }

    /** The worst severity of the findings about {@code v}, {@code null} when there are none. */
    public static Severity worst(SubjectResult r, Volume v) {
        Severity w = null;
        for (Finding f : of(r, v)) w = Severity.worst(w, f.severity());
        return w;
    }

    /** The volumes the navigator lists: the partitions, and the whole disk only when a filesystem fills it. */
    public static List<Volume> shown(SubjectResult r) {
        return r.volumes().stream().filter(v -> !v.isWholeDisk() || v.filesystem() != null).toList();
    }
}
