// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.StructureNode;

/** The structure description: pre-header, header fields at their offsets, block map summary. */
class VdiDescribeTest {

    @TempDir
    Path dir;

    @Test
    void qemuImageDescribed() throws Exception {
        StructureNode s = VdiFixture.run(VdiFixture.dynamic(dir, "a.vdi")).structure();
        assertEquals("<<< QEMU VM Virtual Disk Image >>>\\x0a", s.find("pre-header", "text").value());
        assertEquals("0xbeda107f", s.find("pre-header", "signature").value());
        assertEquals("1.1", s.find("pre-header", "version").value());
        StructureNode size = s.find("header", "disk size");
        assertEquals("5242880", size.value());
        assertEquals(0x170, size.offset());
        assertEquals(8, size.length());
        assertEquals("1 normal (dynamic)", s.find("header", "image type").value());
        assertEquals("0x200", s.find("header", "block map offset").value());
        assertEquals("5 entries", s.find("block map").value());
        assertEquals(0x200, s.find("block map").offset());
        assertEquals("2", s.find("block map", "allocated").value());
        assertEquals("3 (read as zeros)", s.find("block map", "free").value());
        assertNull(s.find("header", "LCHS geometry"), "qemu writes a 0x180 header, without LCHS");
    }

    @Test
    void differencingImageShowsLchsAndParent() throws Exception {
        VdiWriter b = VdiChainTest.base();
        b.write(dir.resolve("base.vdi"));
        StructureNode s = VdiFixture.run(VdiChainTest.child(b).write(dir.resolve("c.vdi"))).structure();
        assertEquals("4 differencing", s.find("header", "image type").value());
        assertEquals("0/0/0 x 512", s.find("header", "LCHS geometry").value());
        assertEquals(b.create.toString(), s.find("header", "uuid linkage (parent)").value());
        assertEquals("base.vdi", s.find("parent").value());
        assertEquals("1 (read from the parent)", s.find("block map", "free").value());
    }
}
