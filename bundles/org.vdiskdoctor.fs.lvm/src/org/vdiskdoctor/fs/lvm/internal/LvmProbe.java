// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.lvm.internal;

import java.io.IOException;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.VolumeProbe;
import org.vdiskdoctor.fs.lvm.LvmCodes;

/**
 * LVM2 physical volumes: the label and its CRC, the PV header's device size against the volume, and each metadata
 * area's header and current text (checksum, volume group name). The logical volumes are not read yet: the finding
 * says so, so that nobody takes silence about the filesystems inside for health.
 */
@Component(service = VolumeProbe.class, property = VolumeProbe.ID_PROPERTY + "=" + LvmProbe.ID)
public final class LvmProbe implements VolumeProbe {

    /** The probe id. */
    public static final String ID = "fs.lvm";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String recognise(GuestVolume volume) throws IOException {
        return PvLabel.find(volume) == null ? null : "LVM2 PV";
    }

    @Override
    public void run(GuestVolume v, FindingSink sink, Monitor monitor) throws IOException {
        PvLabel label = PvLabel.find(v);
        if (label == null) return;
        long at = (long) label.sectorIndex() * PvLabel.SECTOR;
        if (label.storedCrc() != label.computedCrc() || label.sectorField() != label.sectorIndex()) {
            String why = label.storedCrc() != label.computedCrc()
                    ? String.format("checksum 0x%08x, its bytes give 0x%08x", label.storedCrc(), label.computedCrc())
                    : "says it is in sector " + label.sectorField();
            sink.report(v.finding(LvmCodes.LABEL_CHECKSUM, "the LVM label in sector " + label.sectorIndex() + " "
                    + why + ": LVM ignores it (\"Label checksum incorrect\"), so the PV, its volume group and "
                    + "its logical volumes do not appear", at, PvLabel.SECTOR));
        }
        if (label.headerOffset() < 0) {
            sink.report(v.finding(LvmCodes.LABEL_CHECKSUM, "the LVM label in sector " + label.sectorIndex()
                    + " points its PV header outside the sector", at, PvLabel.SECTOR));
            return;
        }
        long size = label.deviceSize();
        if (Long.compareUnsigned(size, v.size()) > 0) {
            sink.report(v.finding(LvmCodes.BEYOND_VOLUME, "the PV header says the device has "
                    + Long.toUnsignedString(size) + " bytes but the volume holds " + v.size() + ": the partition or "
                    + "image was shrunk under the PV; logical volumes at its end are cut off", at, PvLabel.SECTOR));
        }
        String vg = null;
        String seqno = null;
        List<PvLabel.Area> mdas = label.areas(1);
        for (PvLabel.Area mda : mdas) {
            monitor.checkpoint();
            MetadataArea.Summary s = MetadataArea.check(v, mda, sink);
            if (s != null && vg == null) {
                vg = s.vg();
                seqno = s.seqno();
            }
        }
        String group = vg != null ? "of volume group '" + vg + "'" + (seqno != null ? " (metadata seqno " + seqno
                + ")" : "") : mdas.isEmpty() ? "without metadata area (its volume group is described on other PVs)"
                : "whose volume group could not be read";
        sink.report(v.finding(LvmCodes.FOUND, "LVM physical volume UUID " + label.uuid() + ", "
                + Long.toUnsignedString(size) + " bytes, " + group + ", at guest byte " + v.volume().offset()
                + "; its logical volumes are not read yet (vgscan and lvs on the host, or qemu-nbd and "
                + "vgchange -ay, show them)", at, PvLabel.SECTOR));
    }
}
