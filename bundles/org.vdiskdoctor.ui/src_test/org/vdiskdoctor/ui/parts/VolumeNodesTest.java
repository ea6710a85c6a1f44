// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.SubjectKind;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.Volume;

/**
 * A volume → its partition-table node in the structure tree (the names layout.gpt and layout.mbr give them), and
 * → its findings (matched on label and guest offset, as GuestVolume.finding writes them).
 */
class VolumeNodesTest {

    private static final Path IMG = Path.of("/vm/disk.img");

    // raw image { guest disk { GPT { partitions { partition 1, partition 2 } }, MBR { entry 1, logical partition 5 } } }
    private static final StructureNode ROOT = StructureNode.node("raw image").range(0, 1 << 26)
            .child(StructureNode.node("guest disk")
                    .child(StructureNode.node("GPT").child(StructureNode.node("partitions")
                            .child(StructureNode.node("partition 1").build())
                            .child(StructureNode.node("partition 2").build()).build()).build())
                    .child(StructureNode.node("MBR").child(StructureNode.node("entry 1").build())
                            .child(StructureNode.node("logical partition 5").build()).build())
                    .build())
            .build();

    private static final Volume ROOT_FS = new Volume("gpt:2", 9437184, 1 << 24, "gpt",
            "GPT partition 2 \"root\" (Linux filesystem)", "ext4");
    private static final Volume BOOT = new Volume("gpt:1", 1048576, 1 << 23, "gpt",
            "GPT partition 1 \"boot\" (EFI system)", null);

    private static List<String> names(List<StructureNode> path) {
        return path.stream().map(StructureNode::name).toList();
    }

    @Test
    void eachSchemeFindsItsNode() {
        assertEquals(List.of("raw image", "guest disk", "GPT", "partitions", "partition 2"),
                names(StructureLocator.locate(ROOT, ROOT_FS)));
        assertEquals(List.of("raw image", "guest disk", "MBR", "entry 1"), names(StructureLocator.locate(ROOT,
                new Volume("mbr:1", 1048576, 1 << 20, "mbr", "MBR primary partition 1 (type 0x83 Linux)", null))));
        assertEquals(List.of("raw image", "guest disk", "MBR", "logical partition 5"), names(StructureLocator
                .locate(ROOT, new Volume("mbr:5", 1 << 22, 1 << 20, "mbr", "MBR logical partition 5 (type 0x83 Linux)",
                        null))));
        assertEquals(List.of("raw image", "guest disk"), names(StructureLocator.locate(ROOT, Volume.wholeDisk(1 << 26))));
    }

    @Test
    void nothingWhenTheTreeHasNoSuchNode() {
        assertTrue(StructureLocator.locate(ROOT, new Volume("gpt:3", 0, 1, "gpt", "GPT partition 3", null)).isEmpty());
        assertTrue(StructureLocator.locate(ROOT, new Volume("bsd:1", 0, 1, "bsd", "BSD slice 1", null)).isEmpty(),
                "a third party's table");
        assertTrue(StructureLocator.locate(StructureNode.node("raw image").build(), ROOT_FS).isEmpty(),
                "no partition tables");
        assertTrue(StructureLocator.locate(null, ROOT_FS).isEmpty());
    }

    @Test
    void findingsBelongToTheVolumeTheirMessageNames() {
        FindingCode code = FindingCode.of("test.volume.thing");
        Finding onRoot = Finding.of(code, IMG + ": " + ROOT_FS.label() + " at guest byte 9437184: bad superblock")
                .severity(Severity.ERROR).build();
        Finding onBoot = Finding.of(code, IMG + ": " + BOOT.label() + " at guest byte 1048576: dirty")
                .severity(Severity.INFO).build();
        Finding onDisk = Finding.of(code, IMG + ": GPT backup header missing").severity(Severity.WARNING).build();
        SubjectResult r = new SubjectResult(IMG, SubjectKind.IMAGE, "raw", 1 << 26, 1 << 26, List.of(),
                List.of(onRoot, onBoot, onDisk), null, false, Duration.ZERO,
                List.of(Volume.wholeDisk(1 << 26), BOOT, ROOT_FS));
        assertEquals(List.of(onRoot), VolumeFindings.of(r, ROOT_FS));
        assertEquals(Severity.ERROR, VolumeFindings.worst(r, ROOT_FS));
        assertEquals(Severity.INFO, VolumeFindings.worst(r, BOOT));
        assertNull(VolumeFindings.worst(r, Volume.wholeDisk(1 << 26)));
        assertEquals(List.of(BOOT, ROOT_FS), VolumeFindings.shown(r), "the whole disk without a filesystem is left out");
        assertEquals("GPT partition 2 \"root\" (Linux filesystem) — 16.0 MiB at guest byte 9437184, ext4",
                Labels.volume(ROOT_FS));
    }
}
