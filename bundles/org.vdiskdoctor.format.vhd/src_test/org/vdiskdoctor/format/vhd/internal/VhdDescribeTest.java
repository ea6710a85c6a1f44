// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.StructureNode;

/** The structure view names the footers, the dynamic header, the locators and the table with their byte ranges. */
class VhdDescribeTest {

    @TempDir
    Path dir;

    @Test
    void dynamicDisk() throws Exception {
        Path f = VhdFixture.create(dir, "d.vhd", "5M");
        VhdFixture.io(f, "write -P 1 0 64k");
        StructureNode s = VhdFixture.run(f).structure();
        assertTrue(s.value().startsWith("dynamic"), s::value);
        assertEquals("qemu", s.find("footer", "creator app").value());
        assertEquals(VhdFixture.tail(f), s.find("footer").offset());
        assertEquals(0, s.find("footer copy").offset());
        assertEquals("3 (dynamic)", s.find("footer", "disk type").value());
        StructureNode bs = s.find("dynamic header", "block size");
        assertEquals("2097152", bs.value());
        assertEquals(512 + 32, bs.offset());
        assertEquals("1 of 3 blocks allocated", s.find("block allocation table").value());
        assertEquals(0x600, s.find("block allocation table").offset());
    }

    @Test
    void fixedDiskAndDifferencingLocators() throws Exception {
        StructureNode s = VhdFixture.run(VhdFixture.create(dir, "f.vhd", "1M", "-o", "subformat=fixed")).structure();
        assertNotNull(s.find("footer"));
        assertEquals(null, s.find("dynamic header"));
        Path c = new VhdWriter(1 << 20, 1 << 20).parent(new byte[16], 5, "p.vhd").locator("W2ru", ".\\p.vhd")
                .writeTo(dir.resolve("c.vhd"));
        StructureNode d = VhdFixture.run(c).structure();
        assertEquals(".\\p.vhd", d.find("parent locators", "locator 0", "path").value());
        assertEquals("W2ru", d.find("parent locators", "locator 0", "platform code").value());
        assertEquals("p.vhd", d.find("dynamic header", "parent unicode name").value());
    }
}
