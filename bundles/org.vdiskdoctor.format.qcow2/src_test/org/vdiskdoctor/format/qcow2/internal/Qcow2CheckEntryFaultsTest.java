// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.crossCheck;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.qemuCheck;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.qemuIo;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.create;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.getLong;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.putLong;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.qemuImg;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.run;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;
import org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.Layout;
import org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.QemuCheck;
import org.vdiskdoctor.testing.DriverRun;

/**
 * Consistency-check faults in single table entries (L1 COPIED flag, an L1 entry past the virtual size, a compressed
 * L2 entry with COPIED, a refcount block past the file, a damaged bitmap directory), each made by byte surgery on a
 * qemu-img/qemu-io image and cross-checked with qemu-img check's text.
 */
class Qcow2CheckEntryFaultsTest {

    private static final long COPIED = 1L << 63;

    @TempDir
    Path dir;

    @Test
    void l1EntryWithoutCopiedForARefcount1TableIsAMismatch() throws Exception {
        Path f = create(dir, "l1c.qcow2");
        qemuIo(f, "write -q -P 1 0 64k");
        Layout l = Layout.of(f);
        long entry = getLong(f, l.l1Offset());
        assertTrue((entry & COPIED) != 0, "qemu-img sets COPIED on an unshared L2 table");
        // fault: COPIED (bit 63) cleared in active L1 entry 0, whose L2 table has refcount 1
        putLong(f, l.l1Offset(), entry & ~COPIED);
        DriverRun r = crossCheck(f);
        Finding c = r.get(Qcow2Codes.L1_ENTRY_COPIED_MISMATCH);
        assertEquals(Severity.ERROR, c.severity());
        assertEquals(new Evidence(f, l.l1Offset(), 8), c.evidence().get(0));
        assertTrue(c.message().contains("the active L1 table entry 0") && c.message().contains("COPIED flag clear")
                && c.message().contains("refcount 1 on disk"), c::message);
        assertEquals(List.of(Qcow2Codes.L1_ENTRY_COPIED_MISMATCH), r.codes(), r::toString);
        QemuCheck q = qemuCheck(f);
        assertTrue(q.output().contains("ERROR OFLAG_COPIED L2 cluster: l1_index=0 l1_entry="
                + Long.toHexString(entry & ~COPIED) + " refcount=1"), q::output);
    }

    @Test
    void l1EntryBeyondTheVirtualSizeIsReported() throws Exception {
        qemuImg(dir, "create", "-q", "-f", "qcow2", "big.qcow2", "1G");
        Path f = dir.resolve("big.qcow2");
        qemuIo(f, "write -q -P 1 768M 64k");
        Layout l = Layout.of(f);
        long entry1 = getLong(f, l.l1Offset() + 8);
        assertTrue(entry1 != 0, "the write at 768 MiB allocated the L2 table of L1 entry 1");
        // fault: the virtual size (offset 24) shrunk from 1 GiB to 1 MiB, which needs one L1 entry of 512 MiB;
        // l1_size stays 2 and entry 1 still points at its L2 table
        putLong(f, Qcow2Header.OFF_SIZE, 1L << 20);
        DriverRun r = run(f);
        Finding b = r.get(Qcow2Codes.L1_ENTRY_BEYOND_SIZE);
        assertEquals(Severity.WARNING, b.severity());
        assertEquals(new Evidence(f, l.l1Offset() + 8, 8), b.evidence().get(0));
        assertTrue(b.message().contains("the active L1 table entry 1 points at an L2 table at 0x"
                + Long.toHexString(entry1 & ClusterEntries.OFFSET_MASK)) && b.message().contains("needs only 1"),
                b::message);
        assertEquals(List.of(Qcow2Codes.L1_ENTRY_BEYOND_SIZE), r.codes(), r::toString);
        // qemu-img counts the table like any other and says nothing: guest space past the disk end is unreachable
        QemuCheck q = qemuCheck(f);
        assertEquals(0, q.exit(), q::output);
        assertTrue(q.output().contains("No errors were found on the image."), q::output);
    }

    @Test
    void compressedL2EntryWithCopiedIsReported() throws Exception {
        Path f = create(dir, "cc.qcow2");
        qemuIo(f, "write -q -c -P 1 0 64k");
        Layout l = Layout.of(f);
        long at = l.l2Entry(0);
        long e = getLong(f, at);
        assertTrue((e & ClusterEntries.COMPRESSED) != 0 && (e & COPIED) == 0, "qemu-io wrote a compressed cluster");
        // fault: COPIED (bit 63) set in the compressed L2 entry (bit 62) of guest cluster 0
        putLong(f, at, e | COPIED);
        DriverRun r = crossCheck(f);
        Finding c = r.get(Qcow2Codes.L2_ENTRY_COMPRESSED_COPIED);
        assertEquals(Severity.ERROR, c.severity());
        assertEquals(new Evidence(f, at, 8), c.evidence().get(0));
        assertTrue(c.message().contains("copied flag must never be set for compressed clusters"), c::message);
        assertEquals(List.of(Qcow2Codes.L2_ENTRY_COMPRESSED_COPIED), r.codes(), r::toString);
        QemuCheck q = qemuCheck(f);
        assertTrue(q.output().contains("copied flag must never be set for compressed clusters"), q::output);
    }

    @Test
    void refcountBlockPastTheLastClusterCoversNothing() throws Exception {
        Path f = create(dir, "rb.qcow2");
        Layout l = Layout.of(f);
        // qemu-img ends the file with the 8-byte L1 table: the spare cluster goes at the next cluster boundary
        long size = (Files.size(f) + l.clusterSize() - 1) & -l.clusterSize();
        long spare = size >>> l.clusterBits();
        assertEquals(0, getLong(f, l.refcountTableOffset() + 8), "refcount table entry 1 is free");
        // fault: one zeroed cluster added, refcount table entry 1 (clusters 32768-65535 with 64 KiB clusters and
        // 16-bit refcounts) pointed at it, and its refcount in block 0 set to 1, so that the refcounts stay right:
        // a valid but useless refcount block
        Qcow2Fixture.put(f, size, ByteBuffer.allocate((int) l.clusterSize()));
        putLong(f, l.refcountTableOffset() + 8, size);
        l.setRefcount(spare, 1);
        DriverRun r = crossCheck(f);
        Finding n = r.get(Qcow2Codes.REFCOUNT_BLOCK_COVERS_NOTHING);
        assertEquals(Severity.INFO, n.severity());
        assertEquals(new Evidence(f, l.refcountTableOffset() + 8, 8), n.evidence().get(0));
        assertTrue(n.message().contains("refcount block 1 at 0x" + Long.toHexString(size)
                + " covers clusters 32768 to 65535, all beyond the end of the file (" + (spare + 1) + " clusters)"),
                n::message);
        assertEquals(List.of(Qcow2Codes.REFCOUNT_BLOCK_COVERS_NOTHING), r.codes(), r::toString);
        // qemu-img counts the block as a reference and finds every refcount right
        QemuCheck q = qemuCheck(f);
        assertTrue(q.output().contains("No errors were found on the image."), q::output);
    }

    @Test
    void unalignedBitmapDirectoryIsInvalid() throws Exception {
        Path f = create(dir, "bm.qcow2");
        qemuImg(dir, "bitmap", "--add", "bm.qcow2", "b0");
        long ext = Qcow2Fixture.findExtension(f, HeaderExtensions.BITMAPS);
        assertTrue(ext > 0, "qemu-img wrote no bitmaps extension");
        long dirOffset = getLong(f, ext + 8 + 16);
        // fault: bitmap_directory_offset (bytes 16-23 of the extension's data) moved 512 bytes into its cluster
        putLong(f, ext + 8 + 16, dirOffset + 512);
        DriverRun r = run(f);
        Finding b = r.get(Qcow2Codes.BITMAP_INVALID);
        assertEquals(Severity.ERROR, b.severity());
        assertEquals(new Evidence(f, ext + 8 + 16, 8), b.evidence().get(0));
        assertTrue(b.message().contains("the bitmap directory offset 0x" + Long.toHexString(dirOffset + 512)
                + " is not a multiple of the cluster size 65536"), b::message);
        // the directory is not read, so its cluster's users are unknown: no leak is claimed
        assertEquals(List.of(Qcow2Codes.BITMAP_INVALID), r.codes(), r::toString);
        QemuCheck q = qemuCheck(f);
        assertEquals(1, q.exit(), q::output);
        assertTrue(q.output().contains("bitmaps_ext: invalid bitmap directory offset"), q::output);
    }
}
