// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.SubjectResult;

/**
 * A 4K-native disk (4096-byte logical sectors): GPT by {@code fdisk -b 4096} (sgdisk has no sector-size option for a
 * file), cross-read with {@code fdisk -b 4096 -l}, with ext4, FAT32, NTFS and XFS made for 4096-byte sectors at the
 * partitions' byte offsets. On raw and QCOW2, which record no sector size, and on a VHDX from qemu-img (which records
 * 512), the GPT is found at byte 4096; a VHDX that records 4096 (byte surgery on the Logical Sector Size item) reads
 * it without that note. The filesystem probes are byte-addressed within each volume and find every filesystem.
 */
class FourKnDiskTest {

    static final long MIB = 1 << 20;
    static final long DISK = 768 * MIB;

    @TempDir
    static Path tmp;
    static Path disk;

    @BeforeAll
    static void disk() throws Exception {
        disk = tmp.resolve("4kn.img");
        run("truncate", "-s", String.valueOf(DISK), disk.toString());
        sh("printf 'g\\nn\\n1\\n\\n+64M\\nn\\n2\\n\\n+320M\\nn\\n3\\n\\n+32M\\nn\\n4\\n\\n+300M\\nw\\n' | fdisk -b 4096 "
                + disk);
        mkfsAt(disk, MIB, "64M", "mkfs.ext4", "-q", "-F", "-b", "4096", "-L", "ext4-4kn");
        // 320 MiB: with 4096-byte sectors a smaller FAT32 has fewer clusters than FAT32 needs
        mkfsAt(disk, 65 * MIB, "320M", "mkfs.fat", "-F", "32", "-S", "4096", "-n", "FAT4KN");
        mkfsAt(disk, 385 * MIB, "32M", "mkntfs", "-q", "-F", "-Q", "-s", "4096", "-p",
                String.valueOf(385 * MIB / 4096), "-L", "NTFS4KN");
        mkfsAt(disk, 417 * MIB, "300M", "mkfs.xfs", "-q", "-f", "-s", "size=4096", "-L", "xfs4kn");
    }

    private static final List<String> VOLUMES = List.of("0," + DISK + ",null", MIB + "," + 64 * MIB + ",ext4",
            65 * MIB + "," + 320 * MIB + ",fat32", 385 * MIB + "," + 32 * MIB + ",ntfs",
            417 * MIB + "," + 300 * MIB + ",xfs");

    @Test
    void rawDumpOfA4KnDriveShowsEveryPartitionAndFilesystem() throws Exception {
        List<String> fdisk = GuestDisks.fdisk4kPartitions(disk);
        assertEquals(List.of(MIB + "," + 64 * MIB, 65 * MIB + "," + 320 * MIB, 385 * MIB + "," + 32 * MIB,
                417 * MIB + "," + 300 * MIB), fdisk, "fdisk -b 4096 -l");
        SubjectResult r = diagnose(disk);
        assertEquals(fdisk, GuestDisks.partitions(r));
        assertEquals(VOLUMES, volumes(r));
        assertEquals(List.of(), errors(r));
        List<String> codes = guestCodes(r);
        assertTrue(codes.containsAll(List.of("gpt.sector-size.detected", "fs.ext4.found", "fs.fat.found",
                "fs.ntfs.found", "fs.xfs.found")), codes::toString);
        Finding ext4 = r.findings().stream().filter(f -> f.code().toString().equals("fs.ext4.found")).findFirst()
                .orElseThrow();
        assertTrue(ext4.message().contains(String.valueOf(MIB)), ext4.message());
    }

    @Test
    void qcow2AndA512ByteVhdxFindTheTableAt4096Too() throws Exception {
        SubjectResult raw = diagnose(disk);
        for (String format : List.of("qcow2", "vhdx")) {
            Path image = convert(disk, tmp.resolve("4kn." + format), format);
            SubjectResult r = diagnose(image);
            assertEquals(VOLUMES, volumes(r), image::toString);
            assertEquals(guestCodes(raw), guestCodes(r), image::toString);
            assertEquals(List.of(), errors(r), image::toString);
            Files.delete(image);
        }
    }

    @Test
    void aVhdxRecording4096ByteSectorsReadsTheTableWithoutANote() throws Exception {
        Path vhdx = convert(disk, tmp.resolve("4kn-declared.vhdx"), "vhdx");
        GuestDisks.setVhdxLogicalSectorSize(vhdx, 4096);
        SubjectResult r = diagnose(vhdx);
        assertEquals(VOLUMES, volumes(r));
        List<String> expected = new ArrayList<>(guestCodes(diagnose(disk)));
        expected.remove("gpt.sector-size.detected");
        assertEquals(expected, guestCodes(r));
        assertEquals(List.of(), errors(r));
    }

    @Test
    void aVhdxRecording4096ByteSectorsOverA512ByteGptIsAMismatch() throws Exception {
        Path d512 = tmp.resolve("512.img");
        run("truncate", "-s", "64M", d512.toString());
        run("sgdisk", "-n1:2048:+32M", "-t1:8300", d512.toString());
        mkfsAt(d512, MIB, "32M", "mkfs.ext4", "-q", "-F", "-L", "root");
        Path vhdx = convert(d512, tmp.resolve("mismatch.vhdx"), "vhdx");
        GuestDisks.setVhdxLogicalSectorSize(vhdx, 4096); // fault: the image says 4096, the GPT was written for 512
        SubjectResult r = diagnose(vhdx);
        assertTrue(guestCodes(r).contains("gpt.sector-size.mismatch"), guestCodes(r)::toString);
        assertFalse(guestCodes(r).contains("gpt.sector-size.detected"), guestCodes(r)::toString);
        assertEquals(volumes(diagnose(d512)), volumes(r), "the partitions are still read where the GPT says");
    }

    @Test
    void anMbrIsReadInTheSectorsAVhdxRecords() throws Exception {
        Path d = tmp.resolve("4kn-mbr.img");
        run("truncate", "-s", "64M", d.toString());
        sh("printf 'o\\nn\\np\\n1\\n\\n+32M\\nw\\n' | fdisk -b 4096 " + d);
        mkfsAt(d, MIB, "32M", "mkfs.ext4", "-q", "-F", "-b", "4096", "-L", "mbr4kn");
        assertEquals(List.of(MIB + "," + 32 * MIB), GuestDisks.fdisk4kPartitions(d), "fdisk -b 4096 -l");
        Path vhdx = convert(d, tmp.resolve("4kn-mbr.vhdx"), "vhdx");
        GuestDisks.setVhdxLogicalSectorSize(vhdx, 4096);
        SubjectResult r = diagnose(vhdx);
        assertEquals(List.of("0," + 64 * MIB + ",null", MIB + "," + 32 * MIB + ",ext4"), volumes(r));
        assertEquals(List.of(), errors(r));
    }

    /**
     * An MBR carries no mark of its sector size: a raw dump (and a QCOW2) of a 4Kn disk partitioned by {@code fdisk -b
     * 4096} with a DOS label, two primaries and an extended partition with a logical one, is read in 4096-byte sectors
     * because the filesystems lie there (and none at the 512-byte places), with a note saying so.
     */
    @Test
    void aRawDumpOfA4KnMbrDiskIsReadIn4096ByteSectors() throws Exception {
        Path d = tmp.resolve("4kn-dos.img");
        run("truncate", "-s", "160M", d.toString());
        sh("printf 'o\\nn\\np\\n1\\n\\n+32M\\nn\\np\\n2\\n\\n+32M\\nn\\ne\\n3\\n\\n\\nn\\nl\\n\\n+40M\\nw\\n' "
                + "| fdisk -b 4096 " + d);
        assertEquals(List.of(MIB + "," + 32 * MIB, 33 * MIB + "," + 32 * MIB, 65 * MIB + "," + 95 * MIB,
                66 * MIB + "," + 40 * MIB), GuestDisks.fdisk4kPartitions(d), "fdisk -b 4096 -l");
        mkfsAt(d, MIB, "32M", "mkfs.ext4", "-q", "-F", "-b", "4096", "-L", "dos4kn");
        mkfsAt(d, 33 * MIB, "32M", "mkntfs", "-q", "-F", "-Q", "-s", "4096", "-p",
                String.valueOf(33 * MIB / 4096), "-L", "NTFSDOS");
        mkfsAt(d, 66 * MIB, "40M", "mkswap", "-q", "-p", "4096");
        List<String> expected = List.of("0," + 160 * MIB + ",null", MIB + "," + 32 * MIB + ",ext4",
                33 * MIB + "," + 32 * MIB + ",ntfs", 66 * MIB + "," + 40 * MIB + ",swap");
        for (Path image : List.of(d, convert(d, tmp.resolve("4kn-dos.qcow2"), "qcow2"))) {
            SubjectResult r = diagnose(image);
            assertEquals(expected, volumes(r), image::toString);
            assertEquals(List.of(), errors(r), image::toString);
            List<String> codes = guestCodes(r);
            assertTrue(codes.containsAll(List.of("mbr.sector-size.detected", "fs.ext4.found", "fs.ntfs.found")),
                    codes::toString);
        }
    }

    /**
     * The other way round: a 512-byte MBR disk whose first partition holds nothing known, and whose second starts at
     * eight times the first's start (where the first would start in 4096-byte sectors), stays at 512: a filesystem
     * at a 512-byte place wins.
     */
    @Test
    void a512ByteMbrWithAnEmptyFirstPartitionStaysAt512() throws Exception {
        Path d = tmp.resolve("512-dos.img");
        run("truncate", "-s", "128M", d.toString());
        sh("printf 'o\\nn\\np\\n1\\n2048\\n+1M\\nn\\np\\n2\\n16384\\n+4M\\nw\\n' | fdisk " + d);
        mkfsAt(d, 8 * MIB, "4M", "mkfs.ext4", "-q", "-F", "-L", "dos512");
        SubjectResult r = diagnose(d);
        assertEquals(List.of("0," + 128 * MIB + ",null", MIB + "," + MIB + ",null", 8 * MIB + "," + 4 * MIB
                + ",ext4"), volumes(r));
        assertFalse(guestCodes(r).contains("mbr.sector-size.detected"), guestCodes(r)::toString);
        assertEquals(List.of(), errors(r));
    }
}
