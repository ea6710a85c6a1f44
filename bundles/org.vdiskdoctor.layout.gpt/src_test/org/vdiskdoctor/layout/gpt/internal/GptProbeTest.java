// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.layout.gpt.internal.GptFixture.SECTOR;
import static org.vdiskdoctor.layout.gpt.internal.GptFixture.codes;
import static org.vdiskdoctor.layout.gpt.internal.GptFixture.healthy;
import static org.vdiskdoctor.layout.gpt.internal.GptFixture.probe;
import static org.vdiskdoctor.layout.gpt.internal.GptFixture.problems;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.layout.gpt.GptCodes;

/**
 * The GPT probe on disks made by sgdisk, each fault made by the byte surgery its test names, cross-checked with
 * {@code sgdisk -v}'s text: where sgdisk sees a problem we report at least one error or warning.
 */
class GptProbeTest {

    /** The healthy disk: 131072 sectors. */
    static final long LAST = 131071;
    static final long BACKUP_ARRAY = 131039;

    @TempDir
    Path tmp;

    static Finding only(List<Finding> found, FindingCode code) {
        List<Finding> f = found.stream().filter(x -> x.code().equals(code)).toList();
        assertEquals(1, f.size(), () -> "one " + code + " expected in " + found);
        return f.get(0);
    }

    /** Where sgdisk reports a problem we report at least one error or warning; returns sgdisk's verdict. */
    static SgdiskVerdict agreesWithSgdisk(Path disk, List<Finding> found) throws Exception {
        SgdiskVerdict v = SgdiskVerdict.of(disk);
        if (v.reportsProblem()) {
            assertFalse(problems(found).isEmpty(), () -> "sgdisk reports " + v.problems() + " but we found " + found);
        }
        return v;
    }

    @Test
    void healthyGptHasOnlyTheOffsets() throws Exception {
        Path f = healthy(tmp, "ok.img");
        List<Finding> found = probe(f);
        assertEquals(List.of(GptCodes.PARTITION_OFFSETS), codes(found), found::toString);
        Finding offsets = found.get(0);
        assertEquals(Severity.INFO, offsets.severity());
        assertTrue(offsets.message().contains("partition 1: offset 1048576, 20971520 bytes ('EFI system')"),
                offsets.message());
        assertTrue(offsets.message().contains("partition 2: offset 22020096, 10485760 bytes ('root')"),
                offsets.message());
        assertTrue(offsets.message().contains("partition 3: offset 32505856, 20971520 bytes"), offsets.message());
        // the evidence is the primary array, at its file offset: this is a raw image
        assertEquals(List.of(Evidence.of(f, 2 * SECTOR, 32 * SECTOR)), offsets.evidence());
        SgdiskVerdict v = agreesWithSgdisk(f, found);
        assertFalse(v.reportsProblem(), v.text());
        assertTrue(v.saysNoProblems(), v.text());
    }

    @Test
    void primaryHeaderCrcBrokenNamesTheValidBackup() throws Exception {
        Path f = healthy(tmp, "crc.img");
        // fault: one byte of the primary's DiskGUID (LBA 1, byte 56) changed, HeaderCRC32 left as it was
        GptFixture.write(f, SECTOR + 56, new byte[] { (byte) 0x5a });
        List<Finding> found = probe(f);
        Finding p = only(found, GptCodes.PRIMARY_HEADER_INVALID);
        assertEquals(Severity.ERROR, p.severity());
        assertTrue(p.message().contains("header CRC-32 is 0x"), p.message());
        assertTrue(p.message().contains("backup header at guest LBA " + LAST + " (byte " + LAST * SECTOR + ")"),
                p.message());
        assertEquals(List.of(Evidence.of(f, SECTOR, SECTOR)), p.evidence());
        assertTrue(codes(found).contains(GptCodes.PARTITION_OFFSETS), "partitions are read from the backup");
        assertTrue(agreesWithSgdisk(f, found).reportsProblem());
    }

    @Test
    void primaryHeaderZeroedBackupIntact() throws Exception {
        Path f = healthy(tmp, "zero1.img");
        // fault: LBA 1 zeroed
        GptFixture.zeroSectors(f, 1, 1);
        List<Finding> found = probe(f);
        Finding p = only(found, GptCodes.PRIMARY_HEADER_INVALID);
        assertTrue(p.message().contains("no 'EFI PART' signature"), p.message());
        assertTrue(p.message().contains("LBA " + LAST), p.message());
        assertEquals(List.of(GptCodes.PRIMARY_HEADER_INVALID, GptCodes.PARTITION_OFFSETS), codes(found));
        assertTrue(agreesWithSgdisk(f, found).reportsProblem());
    }

    @Test
    void backupHeaderBrokenIsAWarningNamingTheValidPrimary() throws Exception {
        Path f = healthy(tmp, "backup.img");
        // fault: the backup's LastUsableLBA (last LBA, byte 48) changed, its CRC not updated
        GptFixture.putLong(f, LAST * SECTOR + 48, 999);
        List<Finding> found = probe(f);
        Finding b = only(found, GptCodes.BACKUP_HEADER_INVALID);
        assertEquals(Severity.WARNING, b.severity());
        assertTrue(b.message().contains("guest LBA " + LAST) && b.message().contains("primary header at LBA 1"),
                b.message());
        assertEquals(List.of(GptCodes.BACKUP_HEADER_INVALID, GptCodes.PARTITION_OFFSETS), codes(found));
        assertTrue(agreesWithSgdisk(f, found).reportsProblem());
    }

    @Test
    void primaryArrayCrcBrokenBackupArrayValid() throws Exception {
        Path f = healthy(tmp, "array.img");
        // fault: a byte of entry 1's name in the primary array (LBA 2, entry byte 56) changed; CRCs untouched
        GptFixture.write(f, 2 * SECTOR + 56, new byte[] { 'X' });
        List<Finding> found = probe(f);
        Finding a = only(found, GptCodes.PRIMARY_ARRAY_CRC);
        assertEquals(Severity.ERROR, a.severity());
        assertTrue(a.message().contains("guest LBA 2 (byte 1024)") && a.message().contains("LBA " + BACKUP_ARRAY),
                a.message());
        assertEquals(List.of(Evidence.of(f, 2 * SECTOR, 32 * SECTOR)), a.evidence());
        assertTrue(agreesWithSgdisk(f, found).reportsProblem());
    }

    @Test
    void backupArrayCrcBrokenPrimaryValid() throws Exception {
        Path f = healthy(tmp, "barray.img");
        // fault: a byte of entry 2's name in the backup array (LBA 131039, entry offset 128 + 56) changed
        GptFixture.write(f, BACKUP_ARRAY * SECTOR + 128 + 56, new byte[] { 'X' });
        List<Finding> found = probe(f);
        Finding a = only(found, GptCodes.BACKUP_ARRAY_CRC);
        assertEquals(Severity.WARNING, a.severity());
        assertTrue(a.message().contains("guest LBA " + BACKUP_ARRAY) && a.message().contains("primary header at LBA 1"),
                a.message());
        assertEquals(List.of(Evidence.of(f, BACKUP_ARRAY * SECTOR, 32 * SECTOR)), a.evidence());
        assertTrue(agreesWithSgdisk(f, found).reportsProblem());
    }

    @Test
    void overlappingPartitions() throws Exception {
        Path f = healthy(tmp, "overlap.img");
        // fault: partition 2 made to start at LBA 40000, inside partition 1 (2048..43007), in both arrays; CRCs fixed
        GptFixture.setEntryRange(f, 1, 2, 40000, 63487);
        GptFixture.setEntryRange(f, LAST, 2, 40000, 63487);
        List<Finding> found = probe(f);
        Finding o = only(found, GptCodes.PARTITION_OVERLAP);
        assertEquals(Severity.ERROR, o.severity());
        assertTrue(o.message().contains("partitions 1 (LBA 2048..43007) and 2 (LBA 40000..63487) share 3008 sectors"),
                o.message());
        SgdiskVerdict v = agreesWithSgdisk(f, found);
        assertTrue(v.text().contains("overlap"), v.text());
    }

    @Test
    void onlyThePrimaryTableEdited() throws Exception {
        Path f = healthy(tmp, "oneside.img");
        // fault: partition 2 moved to LBA 40000 in the primary array only; its CRCs fixed, the backup untouched
        GptFixture.setEntryRange(f, 1, 2, 40000, 63487);
        List<Finding> found = probe(f);
        only(found, GptCodes.PARTITION_OVERLAP);
        Finding d = only(found, GptCodes.COPIES_DIFFER);
        assertEquals(Severity.WARNING, d.severity());
        assertTrue(d.message().contains("(LBA " + LAST + ") are both valid but differ: partition entries"),
                d.message());
        SgdiskVerdict v = agreesWithSgdisk(f, found);
        assertTrue(v.reportsProblem(), v.text());
    }

    @Test
    void partitionPastTheEnd() throws Exception {
        Path f = healthy(tmp, "past.img");
        // fault: partition 3 made to end at LBA 140000, past the last LBA 131071, in both arrays; CRCs fixed
        GptFixture.setEntryRange(f, 1, 3, 63488, 140000);
        GptFixture.setEntryRange(f, LAST, 3, 63488, 140000);
        List<Finding> found = probe(f);
        Finding b = only(found, GptCodes.PARTITION_BEYOND_END);
        assertTrue(b.message().contains("partition 3 (LBA 63488..140000) ends 8929 sectors past"), b.message());
        assertFalse(only(found, GptCodes.PARTITION_OFFSETS).message().contains("partition 3"));
        assertTrue(agreesWithSgdisk(f, found).reportsProblem());
    }

    @Test
    void partitionOverTheBackupArrayIsOutOfRange() throws Exception {
        Path f = healthy(tmp, "range.img");
        // fault: partition 3 made to end at LBA 131050, inside the backup array (131039..131070); CRCs fixed
        GptFixture.setEntryRange(f, 1, 3, 63488, 131050);
        GptFixture.setEntryRange(f, LAST, 3, 63488, 131050);
        List<Finding> found = probe(f);
        assertTrue(only(found, GptCodes.PARTITION_OUT_OF_RANGE).message().contains("usable range 34..131038"),
                found::toString);
        // sgdisk: "Warning! Secondary partition table overlaps the last partition by 12 blocks!"
        SgdiskVerdict v = agreesWithSgdisk(f, found);
        assertTrue(v.text().contains("overlaps the last partition"), v.text());
    }

    @Test
    void hugeEntryCountIsBoundedNotRead() throws Exception {
        Path f = healthy(tmp, "huge.img");
        // fault: primary NumberOfPartitionEntries (LBA 1, byte 80) = 0xFFFFFFFF, header CRC fixed
        GptFixture.putInt(f, SECTOR + 80, -1);
        GptFixture.fixHeaderCrc(f, 1);
        long t0 = System.nanoTime();
        List<Finding> found = probe(f);
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "bounded");
        Finding h = only(found, GptCodes.ARRAY_TOO_LARGE);
        assertTrue(h.message().contains("4294967295 × 128 bytes") && h.message().contains("backup header at guest LBA "
                + LAST), h.message());
        // sgdisk 1.0.9 dies of std::bad_alloc here: a crash counts as a problem it reports
        SgdiskVerdict v = agreesWithSgdisk(f, found);
        assertTrue(v.reportsProblem(), v.text());
    }

    @Test
    void bothHeadersGone() throws Exception {
        Path f = healthy(tmp, "none.img");
        // fault: LBA 1 and the last LBA zeroed; the protective MBR still says GPT
        GptFixture.zeroSectors(f, 1, 1);
        GptFixture.zeroSectors(f, LAST, 1);
        List<Finding> found = probe(f);
        assertEquals(List.of(GptCodes.NO_VALID_HEADER), codes(found));
        assertTrue(found.get(0).message().contains("Primary: header at guest LBA 1"), found.get(0).message());
    }

    @Test
    void protectiveMbrZeroed() throws Exception {
        Path f = healthy(tmp, "nopmbr.img");
        // fault: LBA 0 zeroed; both GPT copies intact
        GptFixture.zeroSectors(f, 0, 1);
        List<Finding> found = probe(f);
        Finding p = only(found, GptCodes.PMBR_MISSING);
        assertEquals(Severity.ERROR, p.severity());
        assertTrue(p.message().contains("no 55 AA signature"), p.message());
        // sgdisk only notes "Found valid GPT with corrupt MBR" and then says "No problems found"; the kernel
        // ignores such a GPT, so we report an error where sgdisk reports none
        SgdiskVerdict v = agreesWithSgdisk(f, found);
        assertTrue(v.text().contains("valid GPT with corrupt MBR") && v.saysNoProblems(), v.text());
    }

    @Test
    void hybridMbrIsNoGptProblem() throws Exception {
        Path f = healthy(tmp, "hybrid.img");
        // sgdisk -h 1:2 puts partitions 1 and 2 into the MBR beside a 0xEE entry that does not cover the disk
        GptFixture.run("sgdisk", "-h", "1:2", f.toString());
        List<Finding> found = probe(f);
        assertEquals(List.of(GptCodes.PARTITION_OFFSETS), codes(found));
        assertFalse(agreesWithSgdisk(f, found).reportsProblem());
    }

    @Test
    void disksWithoutGptGetNothing() throws Exception {
        Path blank = tmp.resolve("blank.img");
        GptFixture.run("qemu-img", "create", "-q", "-f", "raw", blank.toString(), "8M");
        assertEquals(List.of(), probe(blank));
        Path mbr = tmp.resolve("mbr.img");
        GptFixture.run("truncate", "-s", "8M", mbr.toString());
        GptFixture.run("sh", "-c", "printf 'label: dos\\n,4M,L\\n,,L\\n' | sfdisk -q " + mbr);
        assertEquals(List.of(), probe(mbr));
        Path tiny = tmp.resolve("tiny.img");
        GptFixture.run("truncate", "-s", "700", tiny.toString());
        assertEquals(List.of(), probe(tiny));
    }
}
