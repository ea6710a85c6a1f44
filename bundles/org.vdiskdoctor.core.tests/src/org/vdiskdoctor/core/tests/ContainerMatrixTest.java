// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.core.tests.GuestDisks.convert;
import static org.vdiskdoctor.core.tests.GuestDisks.diagnose;
import static org.vdiskdoctor.core.tests.GuestDisks.errors;
import static org.vdiskdoctor.core.tests.GuestDisks.guestCodes;
import static org.vdiskdoctor.core.tests.GuestDisks.mkfsAt;
import static org.vdiskdoctor.core.tests.GuestDisks.run;
import static org.vdiskdoctor.core.tests.GuestDisks.sh;
import static org.vdiskdoctor.core.tests.GuestDisks.volumes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.SubjectResult;

/**
 * Partition tables and filesystems read through the format layer (issue #6): one GPT disk with ext4 (1 KiB blocks),
 * FAT32, NTFS and XFS partitions and one MBR disk with ext4 (4 KiB blocks), converted by qemu-img to every container
 * the engine reads, show the same volumes (offsets, lengths, filesystems) and the same partition and filesystem
 * findings as the raw disk; a fault made inside the guest before conversion shows in every container.
 */
class ContainerMatrixTest {

    /** A container qemu-img makes: file suffix, qemu-img format and options, and the driver that must open it. */
    record Container(String name, String format, String driver, String... options) {
    }

    static final List<Container> CONTAINERS = List.of(new Container("qcow2", "qcow2", "qcow2"),
            new Container("vmdk", "vmdk", "vmdk", "-o", "subformat=monolithicSparse"),
            new Container("stream.vmdk", "vmdk", "vmdk", "-o", "subformat=streamOptimized"),
            new Container("vhdx", "vhdx", "vhdx"), new Container("vhd", "vpc", "vhd"),
            new Container("fixed.vhd", "vpc", "vhd", "-o", "subformat=fixed"), new Container("vdi", "vdi", "vdi"));

    /**
     * 1040 cylinders of 16 heads × 63 sectors: qemu-img makes a VHD of exactly this size (other sizes are rounded
     * up to a CHS geometry, which moves the disk's end away from the GPT's backup header).
     */
    static final long GPT_DISK = 1040L * 16 * 63 * 512;
    /** 170 such cylinders, also kept exactly by qemu-img's VHD. */
    static final long MBR_DISK = 170L * 16 * 63 * 512;
    static final long MIB = 1 << 20;
    /** Partition 1 (ext4, 1 KiB blocks) of the GPT disk. */
    static final long EXT4_AT = MIB;

    @TempDir
    static Path tmp;
    static Path gpt;
    static Path mbr;

    @BeforeAll
    static void disks() throws Exception {
        gpt = tmp.resolve("gpt.img");
        run("truncate", "-s", String.valueOf(GPT_DISK), gpt.toString());
        run("sgdisk", "-n1:2048:+64M", "-t1:8300", "-c1:ext4-1k", "-n2:0:+64M", "-t2:0700", "-c2:fat32",
                "-n3:0:+32M", "-t3:0700", "-c3:ntfs", "-n4:0:+300M", "-t4:8300", "-c4:xfs", gpt.toString());
        mkfsAt(gpt, EXT4_AT, "64M", "mkfs.ext4", "-q", "-F", "-b", "1024", "-L", "ext4-1k");
        mkfsAt(gpt, 65 * MIB, "64M", "mkfs.fat", "-F", "32", "-S", "512", "-n", "FAT32");
        mkfsAt(gpt, 129 * MIB, "32M", "mkntfs", "-q", "-F", "-Q", "-s", "512", "-p",
                String.valueOf(129 * MIB / 512), "-L", "NTFS");
        mkfsAt(gpt, 161 * MIB, "300M", "mkfs.xfs", "-q", "-f", "-L", "xfs");

        mbr = tmp.resolve("mbr.img");
        run("truncate", "-s", String.valueOf(MBR_DISK), mbr.toString());
        sh("printf 'label: dos\\nstart=2048, size=131072, type=83\\n' | sfdisk -q " + mbr);
        mkfsAt(mbr, MIB, "64M", "mkfs.ext4", "-q", "-F", "-b", "4096", "-L", "ext4-4k");
    }

    @Test
    void volumeOffsetsAreWhatSfdiskAndSgdiskList() throws Exception {
        assertEquals(List.of(MIB + "," + 64 * MIB, 65 * MIB + "," + 64 * MIB, 129 * MIB + "," + 32 * MIB,
                161 * MIB + "," + 300 * MIB), GuestDisks.sfdiskPartitions(gpt), "sfdisk -d");
        String sgdisk = run("sgdisk", "-p", gpt.toString());
        for (String row : List.of(" 1 2048 133119 ", " 2 133120 264191 ", " 3 264192 329727 ", " 4 329728 944127 ")) {
            assertTrue(sgdisk.replaceAll("\\s+", " ").contains(row), "sgdisk -p: " + sgdisk);
        }
        assertEquals(GuestDisks.sfdiskPartitions(gpt), GuestDisks.partitions(diagnose(gpt)));
        assertEquals(GuestDisks.sfdiskPartitions(mbr), GuestDisks.partitions(diagnose(mbr)));
    }

    @Test
    void theRawGptDiskShowsEveryFilesystemAndNoError() throws Exception {
        SubjectResult r = diagnose(gpt);
        assertEquals(List.of("0," + GPT_DISK + ",null", MIB + "," + 64 * MIB + ",ext4",
                65 * MIB + "," + 64 * MIB + ",fat32", 129 * MIB + "," + 32 * MIB + ",ntfs",
                161 * MIB + "," + 300 * MIB + ",xfs"), volumes(r));
        assertEquals(List.of(), errors(r));
        assertTrue(guestCodes(r).containsAll(List.of("fs.ext4.found", "fs.fat.found", "fs.ntfs.found",
                "fs.xfs.found", "gpt.partition.offsets")), guestCodes(r)::toString);
    }

    @Test
    void everyContainerShowsTheSameVolumesAndFindings() throws Exception {
        for (Path raw : List.of(gpt, mbr)) {
            SubjectResult expected = diagnose(raw);
            assertEquals(List.of(), errors(expected), raw::toString);
            for (Container c : CONTAINERS) {
                Path image = convert(raw, tmp.resolve(raw.getFileName() + "." + c.name()), c.format(), c.options());
                SubjectResult r = diagnose(image);
                assertEquals(c.driver(), r.format(), image::toString);
                assertEquals(volumes(expected), volumes(r), image::toString);
                assertEquals(guestCodes(expected), guestCodes(r), image::toString);
                assertEquals(List.of(), errors(r), image::toString);
                Files.delete(image);
            }
        }
    }

    @Test
    void aFaultInsideTheGuestShowsInEveryContainer() throws Exception {
        Path broken = tmp.resolve("broken.img");
        run("cp", "--sparse=always", gpt.toString(), broken.toString());
        // fault: the ext4 superblock's magic 0xEF53 (s_magic, byte 56 of the superblock at 1024) zeroed
        GuestDisks.write(broken, EXT4_AT + 1024 + 56, new byte[2]);
        SubjectResult expected = diagnose(broken);
        List<String> codes = guestCodes(expected);
        assertTrue(codes.contains("fs.ext4.superblock.primary-invalid"), codes::toString);
        for (Container c : CONTAINERS) {
            Path image = convert(broken, tmp.resolve("broken." + c.name()), c.format(), c.options());
            SubjectResult r = diagnose(image);
            assertEquals(codes, guestCodes(r), image::toString);
            assertEquals(volumes(expected), volumes(r), image::toString);
            Files.delete(image);
        }
    }
}
