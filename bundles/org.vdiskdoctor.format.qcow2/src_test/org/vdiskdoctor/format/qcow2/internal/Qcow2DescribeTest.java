// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.create;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.run;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.StructureNode;

/** describe(): header fields with their offsets and lengths, extensions, backing file, tables. */
class Qcow2DescribeTest {

    @TempDir
    Path dir;

    private static void field(StructureNode root, String value, long offset, long length, String... path) {
        StructureNode n = root.find(path);
        assertNotNull(n, () -> "no node " + List.of(path));
        assertEquals(value, n.value(), () -> "value of " + List.of(path));
        assertEquals(offset, n.offset(), () -> "offset of " + List.of(path));
        assertEquals(length, n.length(), () -> "length of " + List.of(path));
    }

    @Test
    void version3ChildWithBackingFile() throws Exception {
        create(dir, "base.qcow2");
        StructureNode s = run(create(dir, "child.qcow2", "-b", "base.qcow2", "-F", "qcow2")).structure();
        assertEquals("qcow2", s.name());
        assertEquals("version 3", s.value());
        field(s, "51 46 49 fb (QFI\\xfb)", 0, 4, "header", "magic");
        field(s, "3", 4, 4, "header", "version");
        field(s, "0x210", 8, 8, "header", "backing_file_offset");
        field(s, "10", 16, 4, "header", "backing_file_size");
        field(s, "16 (65536-byte clusters)", 20, 4, "header", "cluster_bits");
        field(s, "1048576", 24, 8, "header", "size");
        field(s, "0 (none)", 32, 4, "header", "crypt_method");
        field(s, "1", 36, 4, "header", "l1_size");
        field(s, "0x30000", 40, 8, "header", "l1_table_offset");
        field(s, "0x10000", 48, 8, "header", "refcount_table_offset");
        field(s, "1", 56, 4, "header", "refcount_table_clusters");
        field(s, "0", 60, 4, "header", "nb_snapshots");
        field(s, "0x0", 64, 8, "header", "snapshots_offset");
        field(s, "0x0", 72, 8, "header", "incompatible_features");
        field(s, "4 (16-bit refcounts)", 96, 4, "header", "refcount_order");
        field(s, "112", 100, 4, "header", "header_length");
        field(s, "0 (zlib)", 104, 1, "header", "compression_type");

        field(s, "0xe2792aca", 0x70, 8 + 5, "header extensions", "backing format");
        field(s, "qcow2", 0x78, 5, "header extensions", "backing format", "data");
        field(s, "dirty bit", 0x88, 48, "header extensions", "feature name table", "incompatible bit 0");
        // QEMU 7.2 writes five incompatible entries first: the compatible one is the sixth 48-byte entry
        field(s, "lazy refcounts", 0x88 + 5 * 48, 48, "header extensions", "feature name table", "compatible bit 0");
    }

    @Test
    void tablesBackingAndFeatureBits() throws Exception {
        create(dir, "base.qcow2");
        StructureNode s = run(create(dir, "lazy.qcow2", "-b", "base.qcow2", "-F", "qcow2", "-o",
                "lazy_refcounts=on")).structure();
        field(s, "base.qcow2", 0x210, 10, "backing file");
        field(s, "qcow2", -1, 0, "backing file", "format");
        field(s, "0x1", 80, 8, "header", "compatible_features");
        field(s, "lazy refcounts", 87, 1, "header", "compatible_features", "bit 0");
        field(s, "1 entries at 0x30000", 0x30000, 8, "tables", "l1 table");
        field(s, "1", -1, 0, "tables", "l1 table", "entries needed");
        field(s, "1 clusters at 0x10000", 0x10000, 65536, "tables", "refcount table");
        field(s, "0 snapshots at 0x0", 0, 0, "tables", "snapshot table");
        field(s, "none", 32, 4, "encryption");
        assertNull(s.find("external data file"));
    }

    @Test
    void version2ImpliesRefcountOrder() throws Exception {
        StructureNode s = run(create(dir, "v2.qcow2", "-o", "compat=0.10")).structure();
        field(s, "4 (16-bit refcounts, implied by version 2)", -1, 0, "header", "refcount_order");
        assertNull(s.find("header", "incompatible_features"));
        assertEquals("(none)", s.find("backing file").value());
    }
}
