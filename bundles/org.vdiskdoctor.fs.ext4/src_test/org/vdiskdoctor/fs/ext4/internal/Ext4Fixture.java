// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.testing.ByteSurgery;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Engines;
import org.vdiskdoctor.testing.Tools;

/**
 * Filesystems made by the real mkfs.ext4 (in a file of their own, then copied into GPT or MBR disks made by sgdisk
 * and sfdisk), superblock surgery that keeps the checksum right, and the engine with the ext4 probe. Tools, disks,
 * byte surgery and findings come from {@code org.vdiskdoctor.testing}.
 */
final class Ext4Fixture {

    static final String BUNDLE = "org.vdiskdoctor.fs.ext4";
    static final String UUID = "0b5e2a3c-1111-4222-8333-444455556666";
    static final int SB = Superblock.PRIMARY_OFFSET;

    private Ext4Fixture() {
    }

    /**
     * A filesystem by mkfs.ext4 in a file of {@code mib} MiB with {@code blockSize}-byte blocks, label "root" and a
     * fixed UUID; {@code options} go to mkfs (-O, -t ext2 ...). 64 MiB with 1 KiB blocks: 8 groups of 8192 blocks,
     * backups at blocks 8193, 24577, 40961, 57345.
     */
    static Path mkfs(Path dir, String name, int mib, int blockSize, String... options)
            throws IOException, InterruptedException {
        Path f = dir.resolve(name);
        Tools.run("truncate", "-s", mib + "M", f.toString());
        List<String> cmd = new ArrayList<>(List.of("mkfs.ext4", "-F", "-q", "-b", Integer.toString(blockSize), "-L",
                "root", "-U", UUID));
        cmd.addAll(List.of(options));
        cmd.add(f.toString());
        Tools.run(cmd.toArray(String[]::new));
        return f;
    }

    /** The usual test filesystem: 64 MiB, 1 KiB blocks, ext4 defaults (metadata_csum, 64bit, flex_bg). */
    static Path small(Path dir) throws IOException, InterruptedException {
        return mkfs(dir, "fs.img", 64, 1024);
    }

    /** A GPT disk (sgdisk) with one Linux partition "root" at 1 MiB holding {@code fs}. */
    static Path gptDisk(Path dir, Path fs) throws IOException, InterruptedException {
        return Disks.gpt(dir.resolve("gpt-disk.img"), Files.size(fs) + (2 << 20), fs, "8300", "root");
    }

    /** An MBR disk (sfdisk) with one Linux partition at 2 MiB holding {@code fs}. */
    static Path mbrDisk(Path dir, Path fs) throws IOException, InterruptedException {
        return Disks.mbr(dir.resolve("mbr-disk.img"), Files.size(fs) + (3 << 20), 4096, fs, "83");
    }

    /** The engine as the product builds it: raw and QCOW2, GPT and MBR locators, the ext4 probe. */
    static SubjectResult diagnose(Path image) throws Exception {
        return diagnose(image, DeepCheck.OFF, new Ext4Probe());
    }

    /** The same with deep checks as {@code deep} says, by {@code probe} (whose e2fsck may be a stand-in). */
    static SubjectResult diagnose(Path image, DeepCheck deep, Ext4Probe probe) throws Exception {
        return Engines.diagnose(image, BUNDLE, probe, deep);
    }

    /** Recomputes s_checksum of the superblock at {@code offset} (metadata_csum: crc32c ~0 over 0..0x3FB). */
    static void fixSuperblockChecksum(Path file, long offset) throws IOException {
        byte[] sb = new byte[Superblock.SIZE];
        ByteSurgery.read(file, offset, Superblock.SIZE).get(sb);
        ByteSurgery.putInt(file, offset + Superblock.CHECKSUM_OFFSET,
                Crc.crc32c(0xFFFFFFFF, sb, 0, Superblock.CHECKSUM_OFFSET));
    }

    /** Sets a 32-bit field of the primary superblock and makes its checksum right again. */
    static void setPrimaryInt(Path file, int field, int value) throws IOException {
        ByteSurgery.putInt(file, SB + field, value);
        fixSuperblockChecksum(file, SB);
    }

    static void setPrimaryShort(Path file, int field, int value) throws IOException {
        ByteSurgery.putShort(file, SB + field, value);
        fixSuperblockChecksum(file, SB);
    }
}
