// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.crossCheck;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.qemuIo;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.putInt;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.putLong;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.run;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;
import org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.Layout;
import org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.QemuCheck;
import org.vdiskdoctor.testing.DriverRun;

/**
 * Hostile tables: each test makes one with byte surgery on a qemu-img image and expects findings, never an
 * exception, a hang or an allocation sized by the damaged field.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class Qcow2CheckHostileTest {

    @TempDir
    Path dir;

    private Path written(String name) throws Exception {
        Path f = Qcow2Fixture.create(dir, name, "-o", "cluster_size=4096");
        qemuIo(f, "write -q -P 1 0 256k");
        return f;
    }

    private static boolean mentions(DriverRun r, String code, String text) {
        return r.findings().stream().anyMatch(f -> f.code().value().equals(code) && f.message().contains(text));
    }

    @Test
    void hugeHeaderCountsStopAtTheHeaderLevel() throws Exception {
        Path f = written("l1.qcow2");
        putInt(f, 36, 0xffff_ffff); // fault: l1_size 2^32 - 1
        assertEquals(List.of(Qcow2Codes.L1_TABLE_TOO_LARGE), run(f).codes());
        Path g = written("rt.qcow2");
        putInt(g, 56, 0x7fff_ffff); // fault: refcount_table_clusters 2^31 - 1
        assertEquals(List.of(Qcow2Codes.REFCOUNT_TABLE_TOO_LARGE), run(g).codes());
        Path h = written("order.qcow2");
        putInt(h, 96, 7); // fault: refcount_order 7 (128-bit refcounts)
        assertEquals(List.of(Qcow2Codes.HEADER_REFCOUNT_ORDER_INVALID), run(h).codes());
    }

    @Test
    void manySnapshotsOverGarbageEndAtTheFirstBadEntry() throws Exception {
        Path f = written("snaps.qcow2");
        // fault: 5000 snapshots said to start at guest data cluster 0x5000 (bytes 0x01: huge sizes everywhere)
        putInt(f, 60, 5000);
        putLong(f, 64, new Layout(f, 12, 0, 0, 4).clusterSize() * 5);
        DriverRun r = run(f);
        assertTrue(mentions(r, "qcow2.snapshot-table.entry-invalid", "extra data"), r::toString);
        assertTrue(r.findings().size() < 40, r::toString);
    }

    @Test
    void refcountTableEntryPointingAtTheTableItself() throws Exception {
        Path f = written("self.qcow2");
        Layout l = Layout.of(f);
        putLong(f, l.refcountTableOffset(), l.refcountTableOffset()); // fault: block 0 is the refcount table
        DriverRun r = run(f);
        assertTrue(mentions(r, "qcow2.metadata.overlap", "holds the refcount table, but refcount block 0"),
                r::toString);
        assertTrue(r.has(Qcow2Codes.REFCOUNT_TOO_LOW), r::toString);
    }

    @Test
    void l1EntryPointingAtTheL1Table() throws Exception {
        Path f = written("l1self.qcow2");
        Layout l = Layout.of(f);
        putLong(f, l.l1Offset(), ClusterEntries.COPIED | l.l1Offset()); // fault: L2 table 0 is the L1 table
        DriverRun r = run(f);
        assertTrue(mentions(r, "qcow2.metadata.overlap", "holds the active L1 table, but the L2 table of the active"
                + " L1 table entry 0 also uses it as an L2 table"), r::toString);
    }

    @Test
    void l2EntryPointingAtTheHeader() throws Exception {
        Path f = written("header.qcow2");
        Layout l = Layout.of(f);
        long entry = l.l2Entry(0);
        // fault: guest cluster 0 becomes a compressed cluster whose data starts at byte 0x100 of the header
        putLong(f, entry, ClusterEntries.COMPRESSED | 0x100);
        DriverRun r = crossCheck(f); // qemu-img: cluster 0 referenced twice, the old data cluster leaked
        Finding overlap = r.get(Qcow2Codes.METADATA_OVERLAP);
        assertTrue(overlap.message().startsWith(f + ": cluster 0 (0x0) holds the header, but the L2 entry at 0x"),
                overlap::message);
        assertEquals(entry, overlap.evidence().get(0).offset());
    }

    @Test
    void unalignedAndReservedEntriesAreNamed() throws Exception {
        Path f = written("bits.qcow2");
        Layout l = Layout.of(f);
        long e0 = l.l2Entry(0);
        long e1 = l.l2Entry(4096);
        putLong(f, e0, Qcow2Fixture.getLong(f, e0) | 0x200); // fault: data offset moved half a cluster
        putLong(f, e1, Qcow2Fixture.getLong(f, e1) | 0x100_0000_0000_0000L); // fault: reserved bit 56
        DriverRun r = crossCheck(f);
        assertEquals(e0, r.get(Qcow2Codes.REFERENCE_UNALIGNED).evidence().get(0).offset());
        assertEquals(e1, r.get(Qcow2Codes.REFERENCE_RESERVED_BITS).evidence().get(0).offset());
    }

    @Test
    void thousandsOfLeaksGiveAHundredFindingsAndASummary() throws Exception {
        Path f = Qcow2Fixture.create(dir, "many.qcow2", "-o", "cluster_size=512");
        qemuIo(f, "write -q -P 1 0 512k");
        Layout l = Layout.of(f);
        // fault: the first L2 table (64 entries of 512-byte clusters) and the next 15 zeroed in the L1 table
        for (int i = 0; i < 16; i++) putLong(f, l.l1Offset() + 8L * i, 0);
        QemuCheck q = Qcow2CheckFixture.qemuCheck(f);
        DriverRun r = run(f);
        assertEquals(3, q.exit(), q::output);
        assertEquals(q.leaked().stream().limit(CheckReport.LIMIT).toList(),
                List.copyOf(Qcow2CheckFixture.ours(r, Qcow2Codes.REFCOUNT_LEAK)));
        assertEquals(3, Qcow2CheckFixture.exitClass(r));
        long individual = r.findings().stream().filter(x -> x.code().equals(Qcow2Codes.REFCOUNT_LEAK)).count();
        assertEquals(CheckReport.LIMIT + 1, individual, r::toString);
        assertTrue(mentions(r, "qcow2.refcount.leak", q.leaked().size() + " leaked clusters in total"), r::toString);
    }
}
