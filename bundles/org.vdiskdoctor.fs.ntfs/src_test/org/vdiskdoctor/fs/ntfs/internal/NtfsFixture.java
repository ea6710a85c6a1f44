// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Engines;
import org.vdiskdoctor.testing.Tools;

/**
 * NTFS filesystems made by the real mkntfs, alone in a file or put into a disk partitioned by sgdisk (GPT) or sfdisk
 * (MBR), and the engine with the NTFS probe. Tools, disks, byte surgery and findings come from
 * {@code org.vdiskdoctor.testing}.
 */
final class NtfsFixture {

    static final String BUNDLE = "org.vdiskdoctor.fs.ntfs";

    /** Where the partition starts in the partitioned disks: sector 2048, guest byte 1 MiB. */
    static final long PARTITION_START = Disks.FIRST_SECTOR * 512;

    private NtfsFixture() {
    }

    /**
     * An NTFS alone in a file of {@code mib} MiB by mkntfs (quick, 512-byte sectors, 4 KiB clusters, 1 KiB MFT
     * records, hidden sectors 2048 as in the partitioned disks), label TESTNTFS. 40 MiB: 81919 counted sectors, the
     * backup boot sector in the last sector (81919), $MFT at cluster 4 (byte 16384), $MFTMirr at cluster 5119.
     */
    static Path ntfsFile(Path dir, String name, int mib) throws Exception {
        Path f = dir.resolve(name);
        Tools.run("truncate", "-s", mib + "M", f.toString());
        Tools.run("mkntfs", "-F", "-Q", "-q", "-s", "512", "-p", "2048", "-L", "TESTNTFS", f.toString());
        return f;
    }

    static Path ntfs(Path dir, String name) throws Exception {
        return ntfsFile(dir, name, 40);
    }

    /** A 64 MiB disk with one partition at sector 2048 by sgdisk ("gpt") or sfdisk ("mbr"), holding {@code fs}. */
    static Path partitioned(Path dir, String name, String scheme, Path fs) throws Exception {
        return partitioned(dir, name, scheme, fs, 64L << 20);
    }

    /** The same on a disk of {@code bytes}: GPT type 0700, MBR type 7. */
    static Path partitioned(Path dir, String name, String scheme, Path fs, long bytes) throws Exception {
        return scheme.equals("gpt") ? Disks.gpt(dir.resolve(name), bytes, fs, "0700", null)
                : Disks.mbr(dir.resolve(name), bytes, Disks.FIRST_SECTOR, fs, "7");
    }

    static SubjectResult diagnose(Path image) throws IOException {
        return diagnose(image, DeepCheck.OFF, new NtfsProbe());
    }

    /** Diagnosis with deep checks on, copies in {@code deep}'s folder. */
    static SubjectResult diagnose(Path image, DeepCheck deep) throws IOException {
        return diagnose(image, deep, new NtfsProbe());
    }

    static SubjectResult diagnose(Path image, DeepCheck deep, NtfsProbe probe) throws IOException {
        return Engines.diagnose(image, BUNDLE, probe, deep);
    }

    /** ntfsfix -n on the filesystem file: its text (it never writes with -n). */
    static String ntfsfix(Path fs) throws Exception {
        return Tools.exec("ntfsfix", "-n", fs.toString()).out();
    }
}
