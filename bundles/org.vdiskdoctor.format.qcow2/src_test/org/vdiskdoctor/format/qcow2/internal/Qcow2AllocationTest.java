// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.qcow2.internal.GuestFixture.create;
import static org.vdiskdoctor.format.qcow2.internal.GuestFixture.io;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;

/** The "allocation" and "snapshots" nodes of describe(), on images qemu-img and qemu-io wrote. */
class Qcow2AllocationTest {

    @TempDir
    Path dir;

    private static String value(StructureNode s, String... path) {
        StructureNode n = s.find(path);
        assertNotNull(n, () -> "no node " + String.join("/", path));
        return n.value();
    }

    @Test
    void countsAllocatedZeroAndUnallocatedClusters() throws Exception {
        Path img = create(dir, "a.qcow2", "4M"); // 64 clusters of 64 KiB, one L2 table
        io(img, "write -P 0x11 0 128k", "write -z 1m 64k", "write -P 0x12 3m 1");
        StructureNode s = Qcow2Fixture.run(img).structure();
        assertEquals("3 allocated, 1 zero, 0 compressed, 60 unallocated clusters", value(s, "allocation"));
        assertEquals("1 of 1", value(s, "allocation", "l1 entries used"));
        assertEquals("1", value(s, "allocation", "l2 tables"));
        assertEquals("yes", value(s, "allocation", "complete"));
        assertNull(s.find("snapshots"));
    }

    @Test
    void countsCompressedClusters() throws Exception {
        Path src = create(dir, "src.qcow2", "4M");
        io(src, "write -P 0x11 0 256k");
        Qcow2Fixture.qemuImg(dir, "convert", "-c", "-O", "qcow2", "src.qcow2", "z.qcow2");
        StructureNode s = Qcow2Fixture.run(dir.resolve("z.qcow2")).structure();
        assertEquals("4", value(s, "allocation", "compressed clusters"));
        assertEquals("0", value(s, "allocation", "allocated clusters"));
    }

    @Test
    void countsSubclustersWithExtendedL2() throws Exception {
        Path img = create(dir, "x.qcow2", "1M", "-o", "extended_l2=on"); // 2 KiB subclusters
        io(img, "write -P 0x11 0 6k", "write -z 64k 4k");
        StructureNode s = Qcow2Fixture.run(img).structure();
        assertEquals("3", value(s, "allocation", "allocated subclusters"));
        assertEquals("2", value(s, "allocation", "zero subclusters"));
        assertEquals("1", value(s, "allocation", "allocated clusters"));
    }

    @Test
    void theWalkStopsAtItsCapAndSaysPartial() throws Exception {
        Path img = create(dir, "big.qcow2", "64M", "-o", "cluster_size=4k"); // 16384 clusters, 32 L2 tables
        io(img, "write -P 0x11 0 64M");
        try (ImageSource src = ImageSource.open(img)) {
            Qcow2Header h = Qcow2Header.read(src);
            AllocationSummary all = AllocationSummary.walk(h, src, AllocationSummary.MAX_ENTRIES);
            assertEquals(16384, all.allocated);
            assertEquals(32, all.l2Tables);
            assertTrue(!all.partial);
            AllocationSummary capped = AllocationSummary.walk(h, src, 1000);
            assertTrue(capped.partial);
            assertEquals(1000, capped.entries);
            assertEquals(1000, capped.allocated);
            assertTrue(capped.node().value().contains("partial"), capped.node().value());
        }
    }

    @Test
    void snapshotEntriesWithTheirOffsets() throws Exception {
        Path img = create(dir, "s.qcow2", "1M");
        io(img, "write -P 0x11 0 64k");
        Qcow2Fixture.qemuImg(dir, "snapshot", "-c", "first", "s.qcow2");
        Qcow2Fixture.qemuImg(dir, "snapshot", "-c", "second-snapshot", "s.qcow2");
        long table = Qcow2Fixture.getLong(img, Qcow2Header.OFF_SNAPSHOTS_OFFSET);
        StructureNode s = Qcow2Fixture.run(img).structure();
        assertEquals("2 of 2 entries read", value(s, "snapshots"));
        StructureNode first = s.find("snapshots", "snapshot 1");
        assertEquals("first", first.value());
        assertEquals(table, first.offset());
        assertEquals("1", value(first, "l1_size"));
        assertEquals("0", value(first, "vm_state_size"));
        assertEquals("1048576", value(first, "disk_size"));
        long l1 = Long.decode(value(first, "l1_table_offset"));
        assertTrue(l1 > 0 && l1 % 65536 == 0, "l1 offset " + l1);
        StructureNode second = s.find("snapshots", "snapshot 2");
        assertEquals("second-snapshot", second.value());
        assertEquals(first.offset() + first.length(), second.offset());
    }
}
