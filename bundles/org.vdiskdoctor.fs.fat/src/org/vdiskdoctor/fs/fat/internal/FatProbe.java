// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.fat.internal;

import java.io.IOException;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.VolumeProbe;

/**
 * FAT12, FAT16 and FAT32 volumes: the boot sector and its parameter block, the size against the partition, FAT32's
 * backup boot sector and FSInfo sector, the agreement of the FAT copies, the media byte and the dirty bits. Reads a
 * few sectors only; the directory tree is fsck.fat's job, run read-only with --deep ({@link FatDeepCheck}).
 */
@Component(service = VolumeProbe.class, property = VolumeProbe.ID_PROPERTY + "=" + FatProbe.ID)
public final class FatProbe implements VolumeProbe {

    /** The probe id. */
    public static final String ID = "fs.fat";

    private final FatDeepCheck deep;

    /** The probe as the product runs it, with fsck.fat for --deep. */
    public FatProbe() {
        this(new FatDeepCheck());
    }

    /** For tests: another program in fsck.fat's place. */
    FatProbe(FatDeepCheck deep) {
        this.deep = deep;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String recognise(GuestVolume volume) throws IOException {
        if (!volume.contains(0, FatBootSector.SIZE)) return null;
        FatBootSector bs = FatBootSector.of(volume.read(0, FatBootSector.SIZE));
        if (!bs.looksLikeFat()) return null;
        return bs.problems().isEmpty() ? bs.typeName().toLowerCase(Locale.ROOT) : "fat";
    }

    @Override
    public void run(GuestVolume volume, FindingSink sink, Monitor monitor) throws IOException {
        new FatChecks(volume, sink, monitor).run();
        if (volume.deepCheck().enabled()) deep.run(volume, sink, monitor);
    }
}
