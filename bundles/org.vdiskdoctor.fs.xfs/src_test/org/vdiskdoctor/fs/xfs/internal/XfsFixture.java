// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.testing.ByteSurgery;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Engines;
import org.vdiskdoctor.testing.Tools;

/**
 * Filesystems from the real mkfs.xfs (300 MiB sparse files, 4 AGs of 19200 4-KiB blocks, internal log in AG 2),
 * disks partitioned by sgdisk and sfdisk holding them, big-endian byte surgery, xfs_repair -n, and the engine with the
 * XFS probe. Tools, disks and findings come from {@code org.vdiskdoctor.testing}.
 */
final class XfsFixture {

    static final String BUNDLE = "org.vdiskdoctor.fs.xfs";
    static final long FS_BYTES = 300L << 20;
    /** mkfs.xfs 6.1 on 300 MiB: 4 AGs of 19200 blocks of 4096 bytes. */
    static final long AG_BYTES = 19200L * 4096;

    private XfsFixture() {
    }

    /** A fresh 300 MiB XFS (sparse) labelled "vdd" made by mkfs.xfs -f. */
    static Path filesystem(Path dir, String name) throws IOException, InterruptedException {
        Path f = dir.resolve(name);
        Tools.run("truncate", "-s", Long.toString(FS_BYTES), f.toString());
        Tools.run("mkfs.xfs", "-q", "-f", "-L", "vdd", f.toString());
        return f;
    }

    /** A 320 MiB disk with one partition at 1 MiB ({@code gpt} by sgdisk, else MBR by sfdisk) holding {@code fs}. */
    static Path partitioned(Path dir, String name, boolean gpt, Path fs) throws IOException, InterruptedException {
        return gpt ? Disks.gpt(dir.resolve(name), 320L << 20, fs, "8300", "data")
                : Disks.mbr(dir.resolve(name), 320L << 20, Disks.FIRST_SECTOR, fs, "83");
    }

    static SubjectResult diagnose(Path image) throws IOException {
        return diagnose(image, DeepCheck.OFF, new XfsProbe());
    }

    /** The same with deep checks as {@code deep} says, by {@code probe} (whose xfs_repair may be a stand-in). */
    static SubjectResult diagnose(Path image, DeepCheck deep, XfsProbe probe) throws IOException {
        return Engines.diagnose(image, BUNDLE, probe, deep);
    }

    /** xfs_repair -n -f on a file holding the filesystem: its text (exit codes are not trusted alone). */
    static Tools.Run repairDryRun(Path fs) throws IOException, InterruptedException {
        return Tools.exec("xfs_repair", "-n", "-f", fs.toString());
    }

    // ---- byte surgery (big-endian, as XFS stores its fields; CRCs are little-endian CRC-32C) -----------------

    static ByteBuffer read(Path file, long offset, int length) throws IOException {
        return ByteSurgery.read(file, offset, length).order(ByteOrder.BIG_ENDIAN);
    }

    static void putByte(Path file, long offset, int value) throws IOException {
        ByteSurgery.write(file, offset, (byte) value);
    }

    static void putInt(Path file, long offset, int value) throws IOException {
        ByteSurgery.write(file, offset, ByteBuffer.allocate(4).putInt(value).array());
    }

    static void putLong(Path file, long offset, long value) throws IOException {
        ByteSurgery.write(file, offset, ByteBuffer.allocate(8).putLong(value).array());
    }

    static int getInt(Path file, long offset) throws IOException {
        return read(file, offset, 4).getInt();
    }

    /** Recomputes the CRC-32C (stored little-endian at {@code crcAt}) of the {@code size}-byte structure. */
    static void fixCrc(Path file, long offset, int size, int crcAt) throws IOException {
        byte[] b = new byte[size];
        read(file, offset, size).get(b);
        ByteSurgery.putInt(file, offset + crcAt, Superblock.crcOf(b, size, crcAt));
    }

    /** Recomputes the 512-byte primary superblock's CRC after an edit. */
    static void fixPrimaryCrc(Path fs) throws IOException {
        fixCrc(fs, 0, 512, Superblock.CRC_OFFSET);
    }
}
