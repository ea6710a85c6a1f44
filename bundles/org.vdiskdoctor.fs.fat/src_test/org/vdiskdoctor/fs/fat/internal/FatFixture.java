// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.fat.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Engines;
import org.vdiskdoctor.testing.Tools;

/**
 * FAT filesystems made by the real mkfs.fat, alone in a file or put into a disk partitioned by sgdisk (GPT) or sfdisk
 * (MBR), and the engine with the FAT probe. Tools, disks, byte surgery and findings come from
 * {@code org.vdiskdoctor.testing}.
 */
final class FatFixture {

    static final String BUNDLE = "org.vdiskdoctor.fs.fat";

    /** Where the partition starts in the partitioned disks: sector 2048, guest byte 1 MiB. */
    static final long PARTITION_START = Disks.FIRST_SECTOR * 512;

    private FatFixture() {
    }

    /**
     * A FAT filesystem alone in a file of {@code mib} MiB by mkfs.fat, label TESTFAT, serial 1234-5678. FAT32 of
     * 40 MiB: 512-byte sectors, 1 per cluster, 32 reserved, 2 FATs of 630 sectors, FSInfo 1, backup boot 6.
     */
    static Path fatFile(Path dir, String name, int bits, int mib, String... extra) throws Exception {
        Path f = dir.resolve(name);
        Tools.run("truncate", "-s", mib + "M", f.toString());
        List<String> cmd = new ArrayList<>(List.of("mkfs.fat", "-F", Integer.toString(bits), "-n", "TESTFAT", "-i",
                "12345678"));
        cmd.addAll(List.of(extra));
        cmd.add(f.toString());
        Tools.run(cmd.toArray(String[]::new));
        return f;
    }

    static Path fat32(Path dir, String name) throws Exception {
        return fatFile(dir, name, 32, 40);
    }

    /** A 64 MiB disk with one partition at sector 2048 by sgdisk ("gpt", type 0700) or sfdisk ("mbr", type c). */
    static Path partitioned(Path dir, String name, String scheme, Path fs) throws Exception {
        return scheme.equals("gpt") ? Disks.gpt(dir.resolve(name), 64L << 20, fs, "0700", null)
                : Disks.mbr(dir.resolve(name), 64L << 20, Disks.FIRST_SECTOR, fs, "c");
    }

    static SubjectResult diagnose(Path image) throws IOException {
        return diagnose(image, DeepCheck.OFF, new FatProbe());
    }

    /** Diagnosis with deep checks on, copies in {@code deep}'s folder. */
    static SubjectResult diagnose(Path image, DeepCheck deep) throws IOException {
        return diagnose(image, deep, new FatProbe());
    }

    static SubjectResult diagnose(Path image, DeepCheck deep, FatProbe probe) throws IOException {
        return Engines.diagnose(image, BUNDLE, probe, deep);
    }

    /** fsck.fat -n on the filesystem file: its text (it never writes with -n). */
    static String fsck(Path fs) throws Exception {
        return Tools.exec("fsck.fat", "-n", fs.toString()).out();
    }
}
