// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.format.raw.internal.RawDriver;
import org.vdiskdoctor.layout.gpt.GptCodes;

/**
 * GPTs of 4K-native disks (4096-byte logical sectors) on a raw image, which records no sector size: written by
 * {@code fdisk -b 4096} (sgdisk has no sector-size option for a file) and cross-read with {@code fdisk -b 4096 -l}.
 */
class Gpt4KnTest {

    @TempDir
    Path tmp;

    static final int SECTOR_4K = 4096;
    /** 64 MiB in 4096-byte sectors: the backup header is at LBA 16383, the last 4096 bytes. */
    static final long LAST_4K = (64L << 20) / SECTOR_4K - 1;

    private static final Pattern FDISK = Pattern.compile("(?m)^\\S+\\d\\s+(\\d+)\\s+(\\d+)\\s*$");

    /** A 64 MiB disk with a GPT in 4096-byte sectors: partition 1 of 16 MiB at LBA 256, 2 of 20 MiB after it. */
    static Path disk4Kn(Path dir, String name) throws Exception {
        Path f = dir.resolve(name);
        GptFixture.run("truncate", "-s", "64M", f.toString());
        GptFixture.run("sh", "-c", "printf 'g\\nn\\n1\\n\\n+16M\\nn\\n2\\n\\n+20M\\nw\\n' | fdisk -b 4096 " + f);
        return f;
    }

    /** offset,length in bytes of each partition {@code fdisk -b 4096 -l} lists. */
    static List<String> fdiskList(Path disk) throws Exception {
        List<String> out = new ArrayList<>();
        Matcher m = FDISK.matcher(GptFixture.run("fdisk", "-b", "4096", "-l", "-o", "Device,Start,Sectors",
                disk.toString()));
        while (m.find()) out.add(Long.parseLong(m.group(1)) * SECTOR_4K + "," + Long.parseLong(m.group(2)) * SECTOR_4K);
        return out;
    }

    private static SubjectResult diagnose(Path disk) throws Exception {
        return new DiagnosisEngine(List.of(new RawDriver()), List.of(new GptProbe()), List.of(), GptFixture.catalog())
                .withVolumes(List.of(new GptVolumeLocator()), List.of())
                .diagnoseImage(disk, DiagnosisOptions.defaults().withDescribe(true), Monitor.NONE);
    }

    @Test
    void aReaderOf512ByteSectorsSeesOnlyTheProtectiveEntry() throws Exception {
        Path disk = disk4Kn(tmp, "4kn.img");
        String dump = GptFixture.run("sfdisk", "-d", disk.toString());
        assertTrue(dump.contains("type=ee") && !dump.contains("label: gpt"), dump);
    }

    @Test
    void volumesAreThePartitionsFdiskListsIn4096ByteSectors() throws Exception {
        Path disk = disk4Kn(tmp, "4kn.img");
        SubjectResult r = diagnose(disk);
        List<Volume> parts = r.volumes().subList(1, r.volumes().size());
        List<String> expected = fdiskList(disk);
        assertEquals(List.of((256L * SECTOR_4K) + "," + (16L << 20), (4352L * SECTOR_4K) + "," + (20L << 20)),
                expected, "fdisk -b 4096 -l");
        assertEquals(expected, parts.stream().map(v -> v.offset() + "," + v.length()).toList());
        assertTrue(parts.stream().allMatch(v -> v.label().endsWith("(Linux filesystem, 4096-byte sectors)")),
                parts.toString());
    }

    @Test
    void detectedSectorSizeIsAnInfoAndTheTableIsHealthy() throws Exception {
        List<Finding> found = GptFixture.probe(disk4Kn(tmp, "4kn.img"));
        assertEquals(List.of(GptCodes.SECTOR_SIZE_DETECTED, GptCodes.PARTITION_OFFSETS), GptFixture.codes(found),
                found::toString);
        Finding detected = found.get(0);
        assertTrue(detected.message().contains("4096-byte logical sectors") && detected.message()
                .contains("logical_block_size=4096"), detected.message());
        assertEquals(List.of(org.vdiskdoctor.core.Evidence.of(tmp.resolve("4kn.img"), SECTOR_4K, SECTOR_4K)),
                detected.evidence());
        assertTrue(found.get(1).message().contains("partition 1: offset 1048576, 16777216 bytes"),
                found.get(1).message());
    }

    @Test
    void backupIsFoundInTheLast4096BytesWhenThePrimaryIsGone() throws Exception {
        Path disk = disk4Kn(tmp, "4kn.img");
        GptFixture.write(disk, SECTOR_4K, new byte[SECTOR_4K]); // fault: the primary header zeroed
        List<Finding> found = GptFixture.probe(disk);
        Finding primary = found.stream().filter(f -> f.code().equals(GptCodes.PRIMARY_HEADER_INVALID)).findFirst()
                .orElseThrow(() -> new AssertionError(found.toString()));
        assertTrue(primary.message().contains("backup header at guest LBA " + LAST_4K + " (byte " + LAST_4K
                * SECTOR_4K + ")"), primary.message());
        assertEquals(fdiskList(disk4Kn(tmp, "healthy.img")), diagnose(disk).volumes().stream().skip(1)
                .map(v -> v.offset() + "," + v.length()).toList(), "partitions read from the backup");
    }

    @Test
    void inspectShowsTheSectorSizeAndLbasIn4096ByteUnits() throws Exception {
        StructureNode n = GptFixture.describe(disk4Kn(tmp, "4kn.img"));
        assertEquals("4096 (found; the format records 512)", n.find("logical sector size").value());
        assertEquals(String.valueOf(LAST_4K), n.find("primary header", "AlternateLBA").value());
        assertEquals(SECTOR_4K + 32, n.find("primary header", "AlternateLBA").offset());
        assertEquals(256L * SECTOR_4K, n.find("partitions", "partition 1").offset());
    }
}
