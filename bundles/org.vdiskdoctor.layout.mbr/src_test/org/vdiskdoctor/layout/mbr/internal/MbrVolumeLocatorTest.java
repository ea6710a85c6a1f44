// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.mbr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.format.raw.internal.RawDriver;

/** The partitions the locator hands to filesystem probes, cross-checked with what {@code sfdisk -d} lists. */
class MbrVolumeLocatorTest {

    @TempDir
    Path tmp;

    private static final Pattern SFDISK = Pattern.compile("start=\\s*(\\d+), size=\\s*(\\d+), type=([0-9A-Fa-f-]+)");

    /** start,size in bytes of every non-extended partition that {@code sfdisk -d} dumps. */
    static List<String> sfdiskDump(Path disk) throws Exception {
        List<String> out = new ArrayList<>();
        Matcher m = SFDISK.matcher(MbrFixture.run("sfdisk", "-d", disk.toString()));
        while (m.find()) {
            if (m.group(3).equals("5") || m.group(3).equals("f")) continue; // extended containers hold no filesystem
            out.add(Long.parseLong(m.group(1)) * 512 + "," + Long.parseLong(m.group(2)) * 512);
        }
        return out;
    }

    private static SubjectResult diagnose(Path disk) throws Exception {
        return new DiagnosisEngine(List.of(new RawDriver()), List.of(), List.of(), MbrFixture.catalog())
                .withVolumes(List.of(new MbrVolumeLocator()), List.of())
                .diagnoseImage(disk, DiagnosisOptions.defaults().withDescribe(true), Monitor.NONE);
    }

    @Test
    void volumesAreThePartitionsSfdiskLists() throws Exception {
        Path disk = MbrFixture.healthy(tmp, "disk.img");
        SubjectResult r = diagnose(disk);
        List<Volume> parts = r.volumes().subList(1, r.volumes().size());
        assertEquals(Volume.wholeDisk(64L << 20), r.volumes().get(0));
        assertEquals(sfdiskDump(disk), parts.stream().map(v -> v.offset() + "," + v.length()).toList());
        assertTrue(parts.stream().allMatch(v -> v.scheme().equals("mbr") && v.id().startsWith("mbr:")), parts.toString());
        StructureNode tables = r.structure().find("guest disk");
        assertNotNull(tables, "inspect shows the partition table");
        assertEquals("MBR", tables.children().get(0).name());
    }

    @Test
    void logicalPartitionsAreVolumesAndLabelsSayWhichKind() throws Exception {
        SubjectResult r = diagnose(MbrFixture.healthy(tmp, "disk.img"));
        assertEquals(List.of("disk", "mbr:1", "mbr:2", "mbr:5", "mbr:6", "mbr:7"),
                r.volumes().stream().map(Volume::id).toList());
        assertEquals("MBR logical partition 6 (type 0x82 Linux swap)", r.volumes().get(4).label());
    }

    @Test
    void aProtectiveMbrGivesNoVolumes() throws Exception {
        Path disk = tmp.resolve("gpt.img");
        MbrFixture.run("truncate", "-s", "8M", disk.toString());
        MbrFixture.run("sgdisk", "-n1:2048:+2M", disk.toString());
        assertEquals(List.of("disk"), diagnose(disk).volumes().stream().map(Volume::id).toList(),
                "GPT disks belong to the GPT locator");
    }
}
