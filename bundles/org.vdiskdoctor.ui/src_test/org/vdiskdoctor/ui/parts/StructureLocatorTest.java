// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.StructureNode;

/** Finding evidence → the structure node whose byte range holds it: deepest, then narrowest; groups searched. */
class StructureLocatorTest {

    private static final Path IMG = Path.of("/vm/disk.qcow2");
    private static final FindingCode CODE = FindingCode.of("test.header.bad");

    // header @0+104 { magic @0+4, version @4+4, size @24+8 }, a group without range { l1 table @0x30000+64 }
    private static final StructureNode ROOT = StructureNode.node("qcow2").range(0, 1 << 20)
            .child(StructureNode.node("header").range(0, 104)
                    .field("magic", "QFI\\xfb", 0, 4)
                    .field("version", 3, 4, 4)
                    .field("size", 1 << 24, 24, 8)
                    .build())
            .child(StructureNode.node("tables")
                    .field("l1 table", "8 entries", 0x30000, 64)
                    .field("marker", "", 0x40000, 0)
                    .build())
            .build();

    private static List<String> names(List<StructureNode> path) {
        return path.stream().map(StructureNode::name).toList();
    }

    @Test
    void deepestNodeHoldingTheOffsetWins() {
        assertEquals(List.of("qcow2", "header", "version"), names(StructureLocator.locate(ROOT, 4)));
        assertEquals(List.of("qcow2", "header", "version"), names(StructureLocator.locate(ROOT, 7)));
        assertEquals(List.of("qcow2", "header", "size"), names(StructureLocator.locate(ROOT, 31)));
        assertEquals(List.of("qcow2", "header"), names(StructureLocator.locate(ROOT, 32)), "end is exclusive");
        assertEquals(List.of("qcow2"), names(StructureLocator.locate(ROOT, 104)));
    }

    @Test
    void groupsWithoutARangeAreSearchedThrough() {
        assertEquals(List.of("qcow2", "tables", "l1 table"), names(StructureLocator.locate(ROOT, 0x30010)));
        assertEquals(List.of("qcow2", "tables", "marker"), names(StructureLocator.locate(ROOT, 0x40000)),
                "an empty range holds exactly its offset");
    }

    @Test
    void nothingOutsideEveryRange() {
        assertTrue(StructureLocator.locate(ROOT, 1 << 20).isEmpty());
        assertTrue(StructureLocator.locate(null, Finding.of(CODE, "m").at(IMG, 4, 4).build(), IMG).isEmpty());
    }

    @Test
    void usesTheFirstRangedEvidenceInTheInspectedFile() {
        Finding f = Finding.of(CODE, "version 9").file(IMG).at(Path.of("/vm/base.qcow2"), 24, 8).at(IMG, 4, 4).build();
        assertEquals(List.of("qcow2", "header", "version"), names(StructureLocator.locate(ROOT, f, IMG)));
        Finding whole = Finding.of(CODE, "missing").file(IMG).build();
        assertTrue(StructureLocator.locate(ROOT, whole, IMG).isEmpty(), "whole-file evidence selects nothing");
        Finding relative = Finding.of(CODE, "m").at(Path.of("/vm/x/../disk.qcow2"), 24, 8).build();
        assertEquals("size", StructureLocator.locate(ROOT, relative, IMG).get(2).name(), "paths compare normalized");
    }
}
