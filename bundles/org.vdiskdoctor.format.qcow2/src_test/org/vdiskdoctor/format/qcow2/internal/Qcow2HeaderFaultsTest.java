// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.create;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.putInt;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.putLong;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;
import org.vdiskdoctor.testing.DriverRun;

/** Fixed-header faults: each test makes one with byte surgery on a qemu-img image and names the code it expects. */
class Qcow2HeaderFaultsTest {

    @TempDir
    Path dir;

    @Test
    void healthyVersion3HasNoFindings() throws Exception {
        DriverRun r = run(create(dir, "ok.qcow2"));
        assertEquals(FormatDriver.SCORE_CERTAIN, r.score());
        assertEquals(List.of(), r.findings(), r::toString);
        assertEquals(1 << 20, r.virtualSize());
        assertEquals("qcow2", r.format());
        assertTrue(r.backing().isEmpty());
    }

    @Test
    void healthyVersion2HasNoFindings() throws Exception {
        DriverRun r = run(create(dir, "v2.qcow2", "-o", "compat=0.10"));
        assertEquals(FormatDriver.SCORE_CERTAIN, r.score());
        assertEquals(List.of(), r.findings(), r::toString);
        assertEquals("2", r.structure().find("header", "version").value());
    }

    @Test
    void zeroedMagicWithQcow2NameGivesBadMagicNotRaw() throws Exception {
        Path f = create(dir, "zeroed.qcow2");
        putInt(f, 0, 0); // fault: magic zeroed
        DriverRun r = run(f);
        assertEquals(FormatDriver.SCORE_NAME_ONLY, r.score());
        Finding bad = r.get(Qcow2Codes.HEADER_BAD_MAGIC);
        assertEquals(Severity.ERROR, bad.severity());
        assertEquals(new Evidence(f, 0, 4), bad.evidence().get(0));
        assertTrue(bad.message().contains("00 00 00 00") && bad.message().contains("51 46 49 fb"), bad::message);
        assertEquals(List.of(Qcow2Codes.HEADER_BAD_MAGIC), r.codes(), r::toString);
    }

    @Test
    void zeroedMagicWithoutQcow2NameIsNotClaimed() throws Exception {
        Path f = create(dir, "zeroed.img");
        putInt(f, 0, 0);
        assertEquals(0, run(f).score());
    }

    @Test
    void version4IsUnsupported() throws Exception {
        Path f = create(dir, "v4.qcow2");
        putInt(f, 4, 4); // fault: version 4
        DriverRun r = run(f);
        assertEquals(FormatDriver.SCORE_LIKELY, r.score());
        assertEquals(List.of(Qcow2Codes.HEADER_UNSUPPORTED_VERSION), r.codes(), r::toString);
        assertTrue(r.get(Qcow2Codes.HEADER_UNSUPPORTED_VERSION).message().contains("version is 4"));
        assertEquals(-1, r.virtualSize());
    }

    @Test
    void clusterBits8IsOutOfRange() throws Exception {
        Path f = create(dir, "cb8.qcow2");
        putInt(f, 20, 8); // fault: 256-byte clusters
        DriverRun r = run(f);
        assertEquals(FormatDriver.SCORE_LIKELY, r.score());
        assertTrue(r.has(Qcow2Codes.HEADER_CLUSTER_BITS_OUT_OF_RANGE), r::toString);
        assertTrue(r.get(Qcow2Codes.HEADER_CLUSTER_BITS_OUT_OF_RANGE).message().contains("cluster_bits is 8"));
    }

    @Test
    void clusterBits40IsOutOfRange() throws Exception {
        Path f = create(dir, "cb40.qcow2");
        putInt(f, 20, 40); // fault: 1 TiB clusters
        DriverRun r = run(f);
        assertTrue(r.has(Qcow2Codes.HEADER_CLUSTER_BITS_OUT_OF_RANGE), r::toString);
        assertEquals(Severity.ERROR, r.get(Qcow2Codes.HEADER_CLUSTER_BITS_OUT_OF_RANGE).severity());
    }

    @Test
    void hugeL1SizeIsTooLarge() throws Exception {
        Path f = create(dir, "l1huge.qcow2");
        putInt(f, 36, 0xFFFFFFFF); // fault: l1_size 4294967295
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.L1_TABLE_TOO_LARGE), r.codes(), r::toString);
        assertTrue(r.get(Qcow2Codes.L1_TABLE_TOO_LARGE).message().contains("4294967295"));
    }

    @Test
    void l1SizeZeroIsTooSmallForTheVirtualSize() throws Exception {
        Path f = create(dir, "l1zero.qcow2");
        putInt(f, 36, 0); // fault: l1_size 0 for a 1 MiB disk (needs 1 entry)
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.L1_TABLE_TOO_SMALL), r.codes(), r::toString);
        String m = r.get(Qcow2Codes.L1_TABLE_TOO_SMALL).message();
        assertTrue(m.contains("l1_size is 0") && m.contains("needs 1"), m);
    }

    @Test
    void l1OffsetPastEof() throws Exception {
        Path f = create(dir, "l1eof.qcow2");
        putLong(f, 40, 0x100000000L); // fault: L1 at 4 GiB in a 192 KiB file
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.L1_TABLE_PAST_EOF), r.codes(), r::toString);
        Finding x = r.get(Qcow2Codes.L1_TABLE_PAST_EOF);
        assertEquals(new Evidence(f, 40, 8), x.evidence().get(0));
        assertTrue(x.message().contains("0x100000000") && x.message().contains(Files.size(f) + " bytes"), x::message);
    }

    @Test
    void l1OffsetUnalignedAndInHeader() throws Exception {
        Path f = create(dir, "l1odd.qcow2");
        putLong(f, 40, 0x30008); // fault: unaligned
        assertEquals(List.of(Qcow2Codes.L1_TABLE_UNALIGNED), run(f).codes());
        putLong(f, 40, 0); // fault: L1 over the header
        assertEquals(List.of(Qcow2Codes.L1_TABLE_OVERLAPS_HEADER), run(f).codes());
    }

    @Test
    void hugeRefcountTableClusters() throws Exception {
        Path f = create(dir, "rt.qcow2");
        putInt(f, 56, 0x7FFFFFFF); // fault: 2^31 clusters of refcount table
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.REFCOUNT_TABLE_TOO_LARGE), r.codes(), r::toString);
        putInt(f, 56, 0); // fault: no refcount table
        assertEquals(List.of(Qcow2Codes.REFCOUNT_TABLE_EMPTY), run(f).codes());
    }

    @Test
    void refcountTablePastEofAndUnaligned() throws Exception {
        Path f = create(dir, "rt2.qcow2");
        putLong(f, 48, 0x7FFF0000L << 16); // fault: refcount table far beyond EOF
        assertEquals(List.of(Qcow2Codes.REFCOUNT_TABLE_PAST_EOF), run(f).codes());
        putLong(f, 48, 0x10200); // fault: unaligned
        assertEquals(List.of(Qcow2Codes.REFCOUNT_TABLE_UNALIGNED), run(f).codes());
    }

    @Test
    void hugeSnapshotCount() throws Exception {
        Path f = create(dir, "snap.qcow2");
        putInt(f, 60, 0xFFFFFFFF); // fault: 4294967295 snapshots
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.SNAPSHOT_TABLE_TOO_MANY), r.codes(), r::toString);
        putInt(f, 60, 3);
        putLong(f, 64, 0x40000); // fault: 3 snapshots at an offset past EOF
        assertEquals(List.of(Qcow2Codes.SNAPSHOT_TABLE_PAST_EOF), run(f).codes());
        putLong(f, 64, 0x40001); // fault: unaligned
        assertEquals(List.of(Qcow2Codes.SNAPSHOT_TABLE_UNALIGNED), run(f).codes());
    }

    @Test
    void refcountOrder7() throws Exception {
        Path f = create(dir, "ro.qcow2");
        putInt(f, 96, 7); // fault: 128-bit refcounts
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.HEADER_REFCOUNT_ORDER_INVALID), r.codes(), r::toString);
        assertTrue(r.get(Qcow2Codes.HEADER_REFCOUNT_ORDER_INVALID).message().contains("128-bit"));
    }

    @Test
    void headerLength0x30IsTooSmall() throws Exception {
        Path f = create(dir, "hl.qcow2");
        putInt(f, 100, 0x30); // fault: header_length 48
        DriverRun r = run(f);
        assertEquals(FormatDriver.SCORE_LIKELY, r.score());
        assertEquals(List.of(Qcow2Codes.HEADER_LENGTH_TOO_SMALL), r.codes(), r::toString);
        assertTrue(r.get(Qcow2Codes.HEADER_LENGTH_TOO_SMALL).message().contains("header_length is 48"));
    }

    @Test
    void headerLengthUnalignedAndBeyondCluster() throws Exception {
        Path f = create(dir, "hl2.qcow2", "-o", "cluster_size=512");
        putInt(f, 100, 0x6c); // fault: 108, not a multiple of 8
        assertTrue(run(f).has(Qcow2Codes.HEADER_LENGTH_UNALIGNED));
        putInt(f, 100, 1024); // fault: larger than the 512-byte cluster
        assertEquals(List.of(Qcow2Codes.HEADER_LENGTH_BEYOND_CLUSTER), run(f).codes());
    }

    @Test
    void sizeZeroAndAbsurd() throws Exception {
        Path f = create(dir, "size.qcow2");
        putLong(f, 24, 0); // fault: virtual size 0
        assertEquals(List.of(Qcow2Codes.HEADER_SIZE_ZERO), run(f).codes());
        putLong(f, 24, -1L); // fault: 2^64 - 1 bytes
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.HEADER_SIZE_TOO_LARGE), r.codes(), r::toString);
        assertEquals(-1, r.virtualSize());
        putLong(f, 24, 1L << 60); // fault: 1 EiB, more than a 32 MiB L1 maps with 64 KiB clusters
        assertTrue(run(f).has(Qcow2Codes.HEADER_SIZE_TOO_LARGE));
    }

    @Test
    void first200BytesOnlyIsTruncated() throws Exception {
        Path full = create(dir, "full.qcow2");
        Path f = dir.resolve("cut.qcow2");
        Files.write(f, java.util.Arrays.copyOf(Files.readAllBytes(full), 200)); // fault: cut after 200 bytes
        DriverRun r = run(f);
        assertEquals(FormatDriver.SCORE_CERTAIN, r.score());
        assertEquals(List.of(Qcow2Codes.FILE_TRUNCATED), r.codes(), r::toString);
        String m = r.get(Qcow2Codes.FILE_TRUNCATED).message();
        assertTrue(m.contains("200 bytes") && m.contains("L1 table") && m.contains("refcount table"), m);
        assertEquals(Severity.ERROR, r.get(Qcow2Codes.FILE_TRUNCATED).severity());
    }

    @Test
    void cutInsideTheL1TableIsTruncated() throws Exception {
        Path f = create(dir, "cutl1.qcow2", "-o", "cluster_size=512");
        putInt(f, 36, 64); // the L1 table now claims 64 entries = 512 bytes, more than the file holds after it
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.FILE_TRUNCATED), r.codes(), r::toString);
    }

    @Test
    void tooShortForTheFixedHeader() throws Exception {
        Path f = dir.resolve("tiny.qcow2");
        Files.write(f, new byte[] { 'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3, 0, 0 }); // fault: 10 bytes
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.FILE_TRUNCATED), r.codes(), r::toString);
        assertFalse(r.structure().children().isEmpty());
    }
}
