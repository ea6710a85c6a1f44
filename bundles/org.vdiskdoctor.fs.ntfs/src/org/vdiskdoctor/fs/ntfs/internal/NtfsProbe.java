// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.VolumeProbe;

/**
 * NTFS volumes: the boot sector and its backup, the size against the partition, $MFT and $MFTMirr (records 0-3 with
 * their update sequence fixups), the dirty flag of $Volume and an active hibernation image in hiberfil.sys. Reads
 * the first MFT records only; the rest is chkdsk's and ntfsfix's job, run read-only with --deep
 * ({@link NtfsDeepCheck}).
 */
@Component(service = VolumeProbe.class, property = VolumeProbe.ID_PROPERTY + "=" + NtfsProbe.ID)
public final class NtfsProbe implements VolumeProbe {

    /** The probe id. */
    public static final String ID = "fs.ntfs";

    private final NtfsDeepCheck deep;

    /** The probe as the product runs it, with ntfsfix for --deep. */
    public NtfsProbe() {
        this(new NtfsDeepCheck());
    }

    /** For tests: another program in ntfsfix's place. */
    NtfsProbe(NtfsDeepCheck deep) {
        this.deep = deep;
    }

    @Override
    public String id() {
        return ID;
    }

    /** "ntfs" when the first sector, or the backup in the last one (a damaged primary), says NTFS. */
    @Override
    public String recognise(GuestVolume volume) throws IOException {
        if (!volume.contains(0, NtfsBootSector.SIZE)) return null;
        if (NtfsBootSector.of(volume.read(0, NtfsBootSector.SIZE)).hasOem()) return "ntfs";
        long last = lastSector(volume);
        return last > 0 && isBackupOf(volume, NtfsBootSector.of(volume.read(last, NtfsBootSector.SIZE))) ? "ntfs"
                : null;
    }

    /**
     * Whether {@code b}, read from the volume's last sector, is the backup boot sector of an NTFS filling this
     * volume: valid, and its counted sectors end where it lies. An NTFS partition that ends at the end of the disk
     * has its backup in the disk's last sector too, but counts fewer sectors than the whole disk has.
     */
    static boolean isBackupOf(GuestVolume v, NtfsBootSector b) {
        return b.problems().isEmpty() && b.bytesPerSector() == NtfsBootSector.SIZE
                && b.totalSectors() == v.size() / NtfsBootSector.SIZE - 1;
    }

    /** Byte offset of the volume's last 512-byte sector, or -1 when it has fewer than two. */
    static long lastSector(GuestVolume v) {
        long last = (v.size() / NtfsBootSector.SIZE - 1) * NtfsBootSector.SIZE;
        return last > 0 ? last : -1;
    }

    @Override
    public void run(GuestVolume volume, FindingSink sink, Monitor monitor) throws IOException {
        new NtfsChecks(volume, sink, monitor).run();
        if (volume.deepCheck().enabled()) deep.run(volume, sink, monitor);
    }
}
