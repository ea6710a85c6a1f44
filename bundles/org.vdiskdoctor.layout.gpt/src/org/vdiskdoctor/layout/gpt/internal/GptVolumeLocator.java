// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestDisk;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.VolumeLocator;

/**
 * The partitions of the valid GPT copy (primary, else backup) that lie inside the disk, for filesystem probes; and
 * the GPT as a structure tree for {@code inspect}. Quiet: {@link GptProbe} reports what is wrong, except what
 * {@code sgdisk -v} says with --deep ({@link SgdiskCheck}).
 */
@Component(service = VolumeLocator.class, property = VolumeLocator.ID_PROPERTY + "=" + GptProbe.ID)
public final class GptVolumeLocator implements VolumeLocator {

    private final SgdiskCheck deep;

    /** The locator as the product runs it, with sgdisk -v for --deep. */
    public GptVolumeLocator() {
        this(new SgdiskCheck());
    }

    /** For tests: another program in sgdisk's place. */
    GptVolumeLocator(SgdiskCheck deep) {
        this.deep = deep;
    }

    @Override
    public String id() {
        return GptProbe.ID;
    }

    @Override
    public List<Volume> locate(GuestDisk declared, Monitor monitor) throws IOException {
        if (declared.sectors() < 2) return List.of();
        GptLayout layout = GptLayout.read(declared, monitor);
        GptCopy chosen = layout.looksLikeGpt() ? layout.chosen() : null;
        if (chosen == null) return List.of();
        GuestDisk disk = layout.disk();
        String sectors = disk.sectorSize() == GuestDisk.SECTOR ? "" : ", " + disk.sectorSize() + "-byte sectors";
        List<Volume> out = new ArrayList<>();
        for (GptEntry e : chosen.array().used()) {
            if (!e.ordered() || !disk.contains(e.firstLba(), e.sectors())) continue;
            String label = "GPT partition " + e.index() + (e.name().isEmpty() ? "" : " \"" + e.name() + "\"") + " ("
                    + PartitionTypes.name(e.type()) + sectors + ")";
            out.add(new Volume("gpt:" + e.index(), e.firstLba() * disk.sectorSize(), e.sectors() * disk.sectorSize(),
                    "gpt", label, null));
        }
        return out;
    }

    /** sgdisk -v on the whole disk, when it shows signs of a GPT (a 0xEE entry or an "EFI PART" signature). */
    @Override
    public void deepCheck(GuestVolume wholeDisk, FindingSink sink, Monitor monitor) throws IOException {
        GuestDisk declared = wholeDisk.disk();
        if (!wholeDisk.deepCheck().enabled() || declared.sectors() < 2) return;
        GptLayout layout = GptLayout.read(declared, monitor);
        if (!layout.looksLikeGpt()) return;
        deep.run(wholeDisk, layout.disk().sectorSize(), sink, monitor);
    }

    @Override
    public StructureNode describe(GuestDisk disk, Monitor monitor) throws IOException {
        if (disk.sectors() < 2) return null;
        GptLayout layout = GptLayout.read(disk, monitor);
        return layout.looksLikeGpt() ? layout.describe() : null;
    }
}
