// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.VolumeProbe;
import org.vdiskdoctor.core.tools.DeepChecks;
import org.vdiskdoctor.fs.ext4.Ext4Codes;

/**
 * ext2, ext3 and ext4 filesystems in a volume: the primary superblock (or, when it is gone, the backup e2fsck -b
 * would use), its features, checksum, geometry against the volume and mount state, the backup superblocks and the
 * group descriptor table. Reads only metadata blocks, a bounded number of them. With --deep, e2fsck -fn follows
 * ({@link E2fsckCheck}).
 */
@Component(service = VolumeProbe.class, property = VolumeProbe.ID_PROPERTY + "=" + Ext4Probe.ID)
public final class Ext4Probe implements VolumeProbe {

    /** The probe id. */
    public static final String ID = "fs.ext4";

    private final E2fsckCheck deep;

    /** The probe as DS makes it: the deep check runs the real e2fsck. */
    public Ext4Probe() {
        this(new E2fsckCheck());
    }

    /** For tests: a deep check with a stand-in tool. */
    Ext4Probe(E2fsckCheck deep) {
        this.deep = deep;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String recognise(GuestVolume volume) throws IOException {
        Superblock primary = primary(volume);
        if (primary != null) return Features.kind(primary);
        BackupSuperblocks.Found backup = BackupSuperblocks.find(volume);
        return backup == null ? null : Features.kind(backup.sb());
    }

    private static Superblock primary(GuestVolume volume) throws IOException {
        if (!volume.contains(Superblock.PRIMARY_OFFSET, Superblock.SIZE)) return null;
        Superblock sb = new Superblock(volume.read(Superblock.PRIMARY_OFFSET, Superblock.SIZE));
        return sb.hasMagic() ? sb : null;
    }

    /**
     * Our own checks, then (with --deep) e2fsck -fn; an external journal device has no filesystem for e2fsck to
     * check.
     */
    @Override
    public void run(GuestVolume volume, FindingSink sink, Monitor monitor) throws IOException {
        Superblock sb = primary(volume);
        boolean journalDevice = sb != null && (sb.incompat() & Features.INCOMPAT_JOURNAL_DEV) != 0;
        boolean recognised = ownChecks(volume, sb, sink, monitor);
        if (!recognised || !volume.deepCheck().enabled()) return;
        if (journalDevice) {
            sink.report(DeepChecks.skipped(volume, E2fsckCheck.TOOL, "this is an external journal device, which "
                    + "holds no filesystem of its own (e2fsck checks it with the filesystem that uses it)"));
            return;
        }
        // e2fsck reading 'IMAGE?offset=N' cannot tell where the partition ends: a filesystem larger than its volume
        // would be read on into what follows it, so such a volume is checked on a copy of exactly the volume
        boolean fits = sb == null || !Geometry.problems(sb).isEmpty() || Geometry.of(sb).bytes() <= volume.size();
        deep.run(volume, fits, sink, monitor);
    }

    /** Returns whether an ext2/3/4 superblock (primary or backup) was found. */
    private static boolean ownChecks(GuestVolume volume, Superblock sb, FindingSink sink, Monitor monitor)
            throws IOException {
        if (sb == null) {
            BackupSuperblocks.Found backup = BackupSuperblocks.find(volume);
            if (backup == null) return false;
            sink.report(volume.finding(Ext4Codes.PRIMARY_INVALID, "the primary superblock at byte 1024 has no "
                    + "ext2/3/4 magic (or cannot be read), so mount and a plain e2fsck fail (\"bad superblock\"); a "
                    + "backup copy is intact at byte " + backup.offset() + " (block " + backup.block() + " of "
                    + backup.blockSize() + " bytes): on a copy of the filesystem, " + backup.e2fsck()
                    + " repairs from it", Superblock.PRIMARY_OFFSET, Superblock.SIZE));
            sink.report(found(volume, backup.sb(), " (from its backup superblock)"));
            return true;
        }
        sink.report(found(volume, sb, ""));
        if ((sb.incompat() & Features.INCOMPAT_JOURNAL_DEV) != 0) return true; // a journal: no groups, inodes, backups
        SuperblockChecks checks = new SuperblockChecks(volume, sink, sb, System.currentTimeMillis() / 1000);
        checks.features();
        checks.checksum();
        checks.state();
        checks.checkDue();
        Geometry g = checks.geometry();
        if (g == null) return true;
        boolean beyond = checks.beyondVolume(g);
        if (!beyond) BackupSuperblocks.check(volume, g, sb, sink, monitor);
        GroupDescriptors.check(volume, g, sink, monitor);
        return true;
    }

    private static Finding found(GuestVolume volume, Superblock sb, String source) {
        long at = volume.volume().offset();
        String label = sb.label().isEmpty() ? "without label" : "'" + sb.label() + "'";
        if ((sb.incompat() & Features.INCOMPAT_JOURNAL_DEV) != 0) {
            return volume.finding(Ext4Codes.FOUND, "external ext3/ext4 journal device " + label + " UUID "
                    + sb.uuid() + " at guest byte " + at + ": it holds the journal of a filesystem elsewhere, "
                    + "no files, and does not mount", Superblock.PRIMARY_OFFSET, Superblock.SIZE);
        }
        String size = Geometry.problems(sb).isEmpty() ? ", " + Geometry.of(sb).blocksCount() + " blocks of "
                + sb.blockSize() + " bytes" : "";
        return volume.finding(Ext4Codes.FOUND, Features.kind(sb) + " filesystem " + label + " UUID " + sb.uuid()
                + size + source + " at guest byte " + at + " (" + mountHint(volume, at) + ")",
                Superblock.PRIMARY_OFFSET, Superblock.SIZE);
    }

    /** How to mount it from the host: directly, with an offset into a raw image, or through qemu-nbd. */
    private static String mountHint(GuestVolume volume, long at) {
        if (volume.disk().fileOffset(0) < 0) {
            return "not a raw image: attach it with qemu-nbd --read-only, then mount the partition device";
        }
        return at == 0 ? "the image mounts directly: mount -o ro,loop IMAGE DIR"
                : "inside a partition: mount -o ro,loop,offset=" + at + " IMAGE DIR";
    }
}
