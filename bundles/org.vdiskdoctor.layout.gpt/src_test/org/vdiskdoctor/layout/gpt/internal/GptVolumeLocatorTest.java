// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

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
class GptVolumeLocatorTest {

    @TempDir
    Path tmp;

    private static final Pattern SFDISK = Pattern.compile("start=\\s*(\\d+), size=\\s*(\\d+), type=([0-9A-Fa-f-]+)");

    /** start,size in bytes of every non-extended partition that {@code sfdisk -d} dumps. */
    static List<String> sfdiskDump(Path disk) throws Exception {
        List<String> out = new ArrayList<>();
        Matcher m = SFDISK.matcher(GptFixture.run("sfdisk", "-d", disk.toString()));
        while (m.find()) {
            if (m.group(3).equals("5") || m.group(3).equals("f")) continue; // extended containers hold no filesystem
            out.add(Long.parseLong(m.group(1)) * 512 + "," + Long.parseLong(m.group(2)) * 512);
        }
        return out;
    }

    private static SubjectResult diagnose(Path disk) throws Exception {
        return new DiagnosisEngine(List.of(new RawDriver()), List.of(), List.of(), GptFixture.catalog())
                .withVolumes(List.of(new GptVolumeLocator()), List.of())
                .diagnoseImage(disk, DiagnosisOptions.defaults().withDescribe(true), Monitor.NONE);
    }

    @Test
    void volumesAreThePartitionsSfdiskLists() throws Exception {
        Path disk = GptFixture.healthy(tmp, "disk.img");
        SubjectResult r = diagnose(disk);
        List<Volume> parts = r.volumes().subList(1, r.volumes().size());
        assertEquals(Volume.wholeDisk(64L << 20), r.volumes().get(0));
        assertEquals(sfdiskDump(disk), parts.stream().map(v -> v.offset() + "," + v.length()).toList());
        assertTrue(parts.stream().allMatch(v -> v.scheme().equals("gpt") && v.id().startsWith("gpt:")), parts.toString());
        StructureNode tables = r.structure().find("guest disk");
        assertNotNull(tables, "inspect shows the partition table");
        assertEquals("GPT", tables.children().get(0).name());
    }

    @Test
    void labelsNameThePartitionAndItsType() throws Exception {
        SubjectResult r = diagnose(GptFixture.healthy(tmp, "disk.img"));
        assertEquals(List.of("whole disk", "GPT partition 1 \"EFI system\" (EFI system)",
                "GPT partition 2 \"root\" (Linux filesystem)", "GPT partition 3 (Linux swap)"),
                r.volumes().stream().map(Volume::label).toList());
    }

    @Test
    void aDiskWithoutGptHasOnlyTheWholeDisk() throws Exception {
        Path blank = tmp.resolve("blank.img");
        GptFixture.run("truncate", "-s", "4M", blank.toString());
        SubjectResult r = diagnose(blank);
        assertEquals(List.of(Volume.wholeDisk(4L << 20)), r.volumes());
        assertEquals(null, r.structure().find("guest disk"));
    }
}
