// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole disks made by the real tools around a filesystem (or any area) the test made in a file of its own: a sparse
 * file ({@code truncate}), one partition by sgdisk (GPT) or sfdisk (MBR) exactly as large as the area, the area copied
 * in by {@code dd conv=sparse}; and QCOW2 copies by {@code qemu-img convert}.
 */
public final class Disks {

    /** The usual first partition start: sector 2048, byte 1 MiB, where sgdisk and sfdisk put it by default. */
    public static final long FIRST_SECTOR = 2048;

    private Disks() {
    }

    /**
     * A GPT disk of {@code diskBytes} with partition 1 at {@link #FIRST_SECTOR} holding {@code area}.
     *
     * @param type the sgdisk type code (8300 Linux, 0700 basic data, 8200 swap, 8e00 LVM)
     * @param name the partition name, or null for none
     */
    public static Path gpt(Path disk, long diskBytes, Path area, String type, String name)
            throws IOException, InterruptedException {
        Tools.run("truncate", "-s", Long.toString(diskBytes), disk.toString());
        List<String> cmd = new ArrayList<>(List.of("sgdisk", "-n1:" + FIRST_SECTOR + ":+" + sectors(area),
                "-t1:" + type));
        if (name != null) cmd.add("-c1:" + name);
        cmd.add(disk.toString());
        Tools.run(cmd.toArray(String[]::new));
        copyInto(area, disk, FIRST_SECTOR * 512);
        return disk;
    }

    /**
     * An MBR ("dos") disk of {@code diskBytes} with partition 1 at {@code startSector} holding {@code area}.
     *
     * @param type the sfdisk type in hex (83 Linux, c FAT32 LBA, 7 NTFS)
     */
    public static Path mbr(Path disk, long diskBytes, long startSector, Path area, String type)
            throws IOException, InterruptedException {
        Tools.run("truncate", "-s", Long.toString(diskBytes), disk.toString());
        Tools.runWithInput("label: dos\nstart=" + startSector + ", size=" + sectors(area) + ", type=" + type + "\n",
                "sfdisk", "-q", disk.toString());
        copyInto(area, disk, startSector * 512);
        return disk;
    }

    /** Copies {@code area} into {@code disk} at byte {@code offset}, leaving holes where the area has zeros. */
    public static void copyInto(Path area, Path disk, long offset) throws IOException, InterruptedException {
        Tools.run("dd", "if=" + area, "of=" + disk, "bs=1M", "oflag=seek_bytes", "seek=" + offset,
                "conv=notrunc,sparse", "status=none");
    }

    /** A QCOW2 copy of the raw image {@code raw}, next to it as {@code <name>.qcow2}, by qemu-img convert. */
    public static Path qcow2(Path raw) throws IOException, InterruptedException {
        return convert(raw, "raw", "qcow2", raw.resolveSibling(raw.getFileName() + ".qcow2"));
    }

    /** {@code qemu-img convert -f from -O to source target}: the target. */
    public static Path convert(Path source, String from, String to, Path target)
            throws IOException, InterruptedException {
        Tools.run("qemu-img", "convert", "-f", from, "-O", to, source.toString(), target.toString());
        return target;
    }

    private static long sectors(Path area) throws IOException {
        return Files.size(area) / 512;
    }
}
