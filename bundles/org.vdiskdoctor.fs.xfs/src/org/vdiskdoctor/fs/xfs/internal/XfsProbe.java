// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.osgi.service.component.annotations.Component;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.VolumeProbe;

/**
 * XFS in a volume: recognised by the primary superblock's magic "XFSB" (or, when that sector is damaged, by a
 * plausible geometry whose AG 1 starts with a superblock), then checked by {@link XfsCheck} and, with --deep, by
 * xfs_repair -n ({@link XfsRepairCheck}).
 */
@Component(service = VolumeProbe.class, property = VolumeProbe.ID_PROPERTY + "=" + XfsProbe.ID)
public final class XfsProbe implements VolumeProbe {

    public static final String ID = "fs.xfs";
    static final String NAME = "xfs";

    private final XfsRepairCheck deep;

    /** The probe as DS makes it: the deep check runs the real xfs_repair. */
    public XfsProbe() {
        this(new XfsRepairCheck());
    }

    /** For tests: a deep check with a stand-in tool. */
    XfsProbe(XfsRepairCheck deep) {
        this.deep = deep;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String recognise(GuestVolume volume) throws IOException {
        if (!volume.contains(0, Superblock.MIN_SECTOR)) return null;
        Superblock sb = Superblock.parse(volume.read(0, Superblock.MIN_SECTOR));
        if (sb.magicOk()) return NAME;
        // a damaged primary (magic overwritten) is still XFS when its geometry is sane and AG 1 holds a superblock
        if (!sb.geometryProblems().isEmpty() || sb.agCount() < 2) return null;
        long ag1 = sb.agBytes();
        if (!volume.contains(ag1, Superblock.MIN_SECTOR)) return null;
        ByteBuffer b = volume.read(ag1, Superblock.MIN_SECTOR);
        Superblock copy = Superblock.parse(b);
        return copy.magicOk() && copy.agBytes() == ag1 ? NAME : null;
    }

    @Override
    public void run(GuestVolume volume, FindingSink sink, Monitor monitor) throws IOException {
        new XfsCheck(volume, sink, monitor).run();
        deep.run(volume, sink, monitor); // only with --deep
    }
}
