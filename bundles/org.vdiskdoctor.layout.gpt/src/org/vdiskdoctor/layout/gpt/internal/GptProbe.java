// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import org.vdiskdoctor.core.spi.GuestDisk;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.vdiskdoctor.core.spi.DiskProbe;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

/**
 * The GUID partition table, read through the format driver so it works on every container format: which copy of
 * the header and array is valid, where the backup lies compared with the disk's end (grown or shrunk disks), the
 * protective MBR, and the partitions of the valid copy. Disks with neither a 0xEE entry nor an "EFI PART" signature
 * are not GPT disks and get no finding.
 */
@Component(service = DiskProbe.class, property = DiskProbe.ID_PROPERTY + "=" + GptProbe.ID)
public final class GptProbe implements DiskProbe {

    /** The probe id. */
    public static final String ID = "layout.gpt";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean appliesTo(OpenedImage image) {
        return image instanceof GuestReader g && g.guestSize() >= GuestDisk.SECTOR;
    }

    @Override
    public void run(OpenedImage image, FindingSink sink, Monitor monitor) throws IOException {
        GuestDisk disk = new GuestDisk(image);
        if (disk.sectors() < 1) return;
        GptLayout layout = GptLayout.read(disk, monitor);
        if (!layout.looksLikeGpt()) return;
        LogicalSectors.report(layout, sink);
        new GptHeaderChecks(layout, sink).run();
        GptCopy chosen = layout.chosen();
        if (chosen == null) return;
        PartitionChecks.run(layout.disk(), chosen, sink, monitor);
    }
}
