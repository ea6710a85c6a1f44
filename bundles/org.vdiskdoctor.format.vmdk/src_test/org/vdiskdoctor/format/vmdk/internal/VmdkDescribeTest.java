// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.StructureNode;

/** describe(): header fields at their offsets, descriptor lines with offsets, extents and the GD summary. */
class VmdkDescribeTest {

    @TempDir
    Path dir;

    @Test
    void monolithicSparseStructure() throws Exception {
        StructureNode s = VmdkFixture.run(VmdkFixture.sparse(dir, "d.vmdk")).structure();
        StructureNode grain = s.find("sparse header", "grainSize (sectors)");
        assertEquals("128", grain.value());
        assertEquals(SparseHeader.OFF_GRAIN_SIZE, grain.offset());
        assertEquals("intact", s.find("sparse header", "newline test").value());
        StructureNode d = s.find("descriptor");
        assertEquals("monolithicSparse", d.value());
        assertEquals(512, d.offset(), "the embedded descriptor starts at sector 1");
        assertEquals("# Disk DescriptorFile", d.find("line 1").value());
        assertEquals(512, d.find("line 1").offset());
        StructureNode gd = s.find("extents", "extent", "grain directory");
        assertNotNull(gd);
        assertEquals("1 entries, 1 grain tables", gd.value());
        assertNotNull(s.find("extents", "extent", "redundant grain directory"));
    }

    @Test
    void separateDescriptorStructure() throws Exception {
        Path f = VmdkFixture.create(dir, "t.vmdk", "twoGbMaxExtentSparse", "3M", "write -q -P 1 0 4k");
        StructureNode s = VmdkFixture.run(f).structure();
        StructureNode e = s.find("extents", "extent");
        assertTrue(e.value().startsWith("RW 6144 SPARSE \"t-s001.vmdk\""), e.value());
        assertEquals("KDMV version 1", e.find("sparse header").value());
        assertEquals("true", e.find("readable").value());
    }
}
