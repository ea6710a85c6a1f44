// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.nio.file.Path;
import java.util.List;

import org.vdiskdoctor.core.io.PathPolicy;
import org.vdiskdoctor.format.vmdk.VmdkCodes;

/**
 * The changed-block-tracking file ({@code changeTrackPath}, a {@code -ctk.vmdk} beside the disk). Only its presence
 * is checked, inside the descriptor's folder: ESXi recreates a missing one, but backups that rely on it fall back
 * to full copies.
 */
final class ChangeTracking {

    private ChangeTracking() {
    }

    static void check(Descriptor d, Path f, Problems p) {
        Descriptor.Entry e = d.entry("changeTrackPath");
        if (e == null || e.value().isEmpty()) return;
        Path self = f.toAbsolutePath();
        PathPolicy.Resolution r = PathPolicy.within(List.of(self.getParent()), false).resolve(self, e.value());
        if (r instanceof PathPolicy.Inside in && in.exists()) return;
        p.add(VmdkCodes.CHAIN_CTK_MISSING, f, e.line().offset(), e.line().length(), "changeTrackPath names '"
                + DescriptorChecks.printable(e.value()) + "', which " + (r instanceof PathPolicy.Escapes
                ? "lies outside the disk's folder" : "does not exist beside the disk") + "; changed block tracking"
                + " is reset, so the next incremental backup becomes a full one (ESXi recreates the file)");
    }
}
