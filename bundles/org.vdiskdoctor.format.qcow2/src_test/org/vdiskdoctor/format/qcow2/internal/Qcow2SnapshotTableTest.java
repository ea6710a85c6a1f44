// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.create;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.getInt;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.getLong;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.putInt;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.qemuImg;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.run;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;
import org.vdiskdoctor.testing.DriverRun;

/** The one snapshot table parser, as the check and describe() see it: the same entries, the same end. */
class Qcow2SnapshotTableTest {

    @TempDir
    Path dir;

    private Path twoSnapshots() throws Exception {
        Path f = create(dir, "snaps.qcow2");
        qemuImg(dir, "snapshot", "-c", "first", "snaps.qcow2");
        qemuImg(dir, "snapshot", "-c", "second one", "snaps.qcow2");
        return f;
    }

    @Test
    void describeListsWhatQemuImgWroteAndTheCheckFindsNothing() throws Exception {
        Path f = twoSnapshots();
        String listed = qemuImg(dir, "snapshot", "-l", "snaps.qcow2");
        assertTrue(listed.contains("first") && listed.contains("second one"), listed);
        DriverRun r = run(f);
        assertEquals(List.of(), r.codes(), r::toString);
        StructureNode snaps = r.structure().find("snapshots");
        assertNotNull(snaps, r.structure().toString());
        assertEquals("2 of 2 entries read", snaps.value());
        assertEquals("first", snaps.find("snapshot 1").value());
        assertEquals("second one", snaps.find("snapshot 2").value());
        long offset = getLong(f, 64);
        assertEquals(offset, snaps.find("snapshot 1").offset());
        // entries are 8-byte aligned: the second starts where the first's padded length ends
        assertEquals(offset + snaps.find("snapshot 1").length(), snaps.find("snapshot 2").offset());
        assertEquals(0, snaps.find("snapshot 2").offset() % 8);
        assertEquals("1048576", snaps.find("snapshot 1", "disk_size").value());
    }

    @Test
    void aDamagedEntryEndsBothTheCheckAndTheListingAtTheSamePlace() throws Exception {
        Path f = twoSnapshots();
        long first = getLong(f, 64);
        int second = (int) snapshotAfter(f, first);
        // fault: the second entry declares 4096 bytes of extra data (QEMU's limit is 1024)
        putInt(f, second + 36, 4096);
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.SNAPSHOT_ENTRY_INVALID), r.codes(), r::toString);
        assertEquals(second + 36, r.get(Qcow2Codes.SNAPSHOT_ENTRY_INVALID).evidence().get(0).offset());
        StructureNode snaps = r.structure().find("snapshots");
        assertEquals("1 of 2 entries read", snaps.value());
        assertNotNull(snaps.find("snapshot 1"));
        assertNull(snaps.find("snapshot 2"));
    }

    /** Where the entry after the one at {@code at} starts: 40 + extra + id + name bytes, padded to 8. */
    private static long snapshotAfter(Path f, long at) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f));
        int idLen = Short.toUnsignedInt(b.getShort((int) at + 12));
        int nameLen = Short.toUnsignedInt(b.getShort((int) at + 14));
        int extra = getInt(f, at + 36);
        return (at + 40 + extra + idLen + nameLen + 7) & ~7L;
    }
}
