// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.qemuCheck;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.create;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.getInt;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.putLong;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.qemuImg;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.run;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;
import org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.QemuCheck;
import org.vdiskdoctor.testing.DriverRun;

/**
 * A refcount table or snapshot table placed in the header cluster: the only cluster-aligned offset there is 0, so
 * the fault is an offset field zeroed. QEMU accepts the offset and reads the header as table entries; qemu-img
 * check's text shows it doing so.
 */
class Qcow2TableOverlapTest {

    @TempDir
    Path dir;

    @Test
    void refcountTableAtOffset0OverlapsTheHeader() throws Exception {
        Path f = create(dir, "rt0.qcow2");
        // fault: refcount_table_offset (offset 48) set to 0, the header cluster
        putLong(f, Qcow2Header.OFF_REFCOUNT_OFFSET, 0);
        DriverRun r = run(f);
        Finding o = r.get(Qcow2Codes.REFCOUNT_TABLE_OVERLAPS_HEADER);
        assertEquals(Severity.ERROR, o.severity());
        assertEquals(new Evidence(f, Qcow2Header.OFF_REFCOUNT_OFFSET, 8), o.evidence().get(0));
        assertTrue(o.message().contains("refcount_table_offset is 0x0, inside the first cluster (65536 bytes)")
                && o.message().contains("header would be read as refcount table entries"), o::message);
        assertEquals(List.of(Qcow2Codes.REFCOUNT_TABLE_OVERLAPS_HEADER), r.codes(), r::toString);
        // qemu-img takes the magic and version (QFI\xfb, 3) as refcount table entry 0 and reports its reserved bits
        QemuCheck q = qemuCheck(f);
        assertEquals(2, q.exit(), q::output);
        assertTrue(q.output().contains("ERROR refcount table entry 0 has reserved bits set"), q::output);
    }

    @Test
    void snapshotTableAtOffset0OverlapsTheHeader() throws Exception {
        Path f = create(dir, "st0.qcow2");
        qemuImg(dir, "snapshot", "-c", "s1", "st0.qcow2");
        assertEquals(1, getInt(f, Qcow2Header.OFF_NB_SNAPSHOTS));
        // fault: snapshots_offset (offset 64) set to 0 while nb_snapshots is 1
        putLong(f, Qcow2Header.OFF_SNAPSHOTS_OFFSET, 0);
        DriverRun r = run(f);
        Finding o = r.get(Qcow2Codes.SNAPSHOT_TABLE_OVERLAPS_HEADER);
        assertEquals(Severity.ERROR, o.severity());
        assertEquals(new Evidence(f, Qcow2Header.OFF_SNAPSHOTS_OFFSET, 8), o.evidence().get(0));
        assertTrue(o.message().contains("snapshots_offset is 0x0, inside the first cluster")
                && o.message().contains("the image has 1 snapshots"), o::message);
        assertEquals(List.of(Qcow2Codes.SNAPSHOT_TABLE_OVERLAPS_HEADER), r.codes(), r::toString);
        // qemu-img reads the header as snapshot entry 0: its first 8 bytes (magic, version) become the L1 offset
        QemuCheck q = qemuCheck(f);
        assertEquals(2, q.exit(), q::output);
        assertTrue(q.output().contains("l1_offset=0x514649fb00000003: L1 table is not cluster aligned"), q::output);
    }
}
