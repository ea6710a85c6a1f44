// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.mbr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.layout.mbr.internal.MbrFixture.SECTOR;
import static org.vdiskdoctor.layout.mbr.internal.MbrFixture.codes;
import static org.vdiskdoctor.layout.mbr.internal.MbrFixture.healthy;
import static org.vdiskdoctor.layout.mbr.internal.MbrFixture.probe;
import static org.vdiskdoctor.layout.mbr.internal.MbrFixture.putEntry;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.layout.mbr.MbrCodes;

/** The MBR probe on disks made by sfdisk and sgdisk, each fault made by the byte surgery its test names. */
class MbrProbeTest {

    static final long EXT = 63488;
    static final long EBR2 = 81920;
    static final long EBR3 = 100352;

    @TempDir
    Path tmp;

    private static Finding only(List<Finding> found, FindingCode code) {
        List<Finding> f = found.stream().filter(x -> x.code().equals(code)).toList();
        assertEquals(1, f.size(), () -> "one " + code + " expected in " + found);
        return f.get(0);
    }

    @Test
    void healthyPrimaryAndThreeLogicalsGiveOnlyTheOffsets() throws Exception {
        Path f = healthy(tmp, "ok.img");
        List<Finding> found = probe(f);
        assertEquals(List.of(MbrCodes.PARTITION_OFFSETS), codes(found), found::toString);
        String m = found.get(0).message();
        assertEquals(Severity.INFO, found.get(0).severity());
        for (String p : List.of("partition 1: offset 1048576, 20971520 bytes (type 0x83)",
                "partition 2: offset 22020096, 10485760 bytes", "partition 5: offset 33554432, 8388608 bytes",
                "partition 6: offset 42991616, 8388608 bytes (type 0x82)",
                "partition 7: offset 52428800, 4194304 bytes")) {
            assertTrue(m.contains(p), () -> p + " missing in " + m);
        }
        assertTrue(!m.contains("partition 3:"), "the extended container is no filesystem: " + m);
        StructureNode n = MbrFixture.describe(f);
        assertEquals("3 entries used", n.value());
        assertEquals("0x05", n.find("entry 3", "type").value());
        assertEquals("81920", n.find("logical partition 6", "EBR LBA").value());
        assertEquals(102400L * SECTOR, n.find("logical partition 7").offset());
    }

    @Test
    void blankDisksAreNoFinding() throws Exception {
        Path f = tmp.resolve("blank.img");
        MbrFixture.run("qemu-img", "create", "-q", "-f", "raw", f.toString(), "4M");
        assertEquals(List.of(), probe(f));
        assertEquals("blank", MbrFixture.describe(f).value());
    }

    @Test
    void missingSignatureOnANonBlankSector() throws Exception {
        Path f = healthy(tmp, "nosig.img");
        // fault: bytes 510-511 (55 AA) zeroed; the entries stay
        MbrFixture.write(f, 510, new byte[2]);
        List<Finding> found = probe(f);
        assertEquals(List.of(MbrCodes.SIGNATURE_MISSING), codes(found));
        assertEquals(Severity.WARNING, found.get(0).severity());
        assertTrue(found.get(0).message().contains("ends in 00 00, not 55 AA"), found.get(0).message());
        assertEquals(List.of(Evidence.of(f, 0, SECTOR)), found.get(0).evidence());
    }

    @Test
    void badStatusByte() throws Exception {
        Path f = healthy(tmp, "status.img");
        // fault: entry 2's status byte (byte 462) set to 0x12
        MbrFixture.write(f, MbrFixture.entry(0, 2), new byte[] { 0x12 });
        Finding b = only(probe(f), MbrCodes.BAD_STATUS);
        assertEquals(Severity.ERROR, b.severity());
        assertTrue(b.message().contains("entry 2 has status byte 0x12"), b.message());
    }

    @Test
    void overlappingPrimaries() throws Exception {
        Path f = healthy(tmp, "overlap.img");
        // fault: entry 2 made to start at LBA 40000, inside partition 1 (2048..43007)
        putEntry(f, 0, 2, 0, 0x83, 40000, 23488);
        Finding o = only(probe(f), MbrCodes.PARTITION_OVERLAP);
        assertTrue(o.message().contains("partition 1 (LBA 2048..43007) and partition 2 (LBA 40000..63487) share 3008"),
                o.message());
    }

    @Test
    void entryOverTheMbrItself() throws Exception {
        Path f = healthy(tmp, "lba0.img");
        // fault: entry 1 made to start at LBA 0
        putEntry(f, 0, 1, 0, 0x83, 0, 43008);
        assertTrue(only(probe(f), MbrCodes.PARTITION_OVERLAP).message().contains("the MBR (LBA 0..0)"));
    }

    @Test
    void diskShrunkUnderTheExtendedPartition() throws Exception {
        Path f = healthy(tmp, "shrunk.img");
        // fault: cut to 60 MiB (122880 sectors): the extended partition (63488..131071) now ends past the disk
        MbrFixture.run("truncate", "-s", "60M", f.toString());
        List<Finding> found = probe(f);
        Finding b = only(found, MbrCodes.PARTITION_BEYOND_END);
        assertTrue(b.message().contains("partition 3 (type 0x05, LBA 63488..131071) ends 8192 sectors past"),
                b.message());
        assertTrue(only(found, MbrCodes.PARTITION_OFFSETS).message().contains("partition 7:"), "logical 7 still fits");
    }

    @Test
    void ebrChainLoop() throws Exception {
        Path f = healthy(tmp, "loop.img");
        // fault: the last EBR (LBA 100352) links back to the second (extended start + 18432 = 81920)
        putEntry(f, EBR3, 2, 0, 0x05, EBR2 - EXT, 18432);
        Finding l = only(probe(f), MbrCodes.EBR_LOOP);
        assertEquals(Severity.ERROR, l.severity());
        assertTrue(l.message().contains("the EBR at LBA 100352 links to LBA 81920, an EBR already visited"),
                l.message());
        assertEquals(List.of(Evidence.of(f, EBR3 * SECTOR, SECTOR)), l.evidence());
    }

    @Test
    void ebrLinkToItself() throws Exception {
        Path f = healthy(tmp, "self.img");
        // fault: the first EBR's link (relative 18432) set to 0: it names the extended partition's start, itself
        putEntry(f, EXT, 2, 0, 0x05, 0, 18432);
        assertTrue(only(probe(f), MbrCodes.EBR_LOOP).message().contains("links to LBA 63488"));
    }

    @Test
    void ebrPointingOutsideTheExtendedPartition() throws Exception {
        Path f = healthy(tmp, "outside.img");
        // fault: the first EBR's link set to relative 70000: LBA 133488, past the extended partition's end 131071
        putEntry(f, EXT, 2, 0, 0x05, 70000, 18432);
        List<Finding> found = probe(f);
        Finding o = only(found, MbrCodes.EBR_OUTSIDE_EXTENDED);
        assertTrue(o.message().contains("links to an EBR at LBA 133488, outside the extended partition (LBA "
                + "63488..131071)"), o.message());
        assertTrue(only(found, MbrCodes.PARTITION_OFFSETS).message().contains("partition 5:"));
    }

    @Test
    void ebrWithoutSignature() throws Exception {
        Path f = healthy(tmp, "ebrsig.img");
        // fault: the second EBR's 55 AA (LBA 81920, bytes 510-511) zeroed
        MbrFixture.write(f, EBR2 * SECTOR + 510, new byte[2]);
        Finding e = only(probe(f), MbrCodes.EBR_BAD_SIGNATURE);
        assertTrue(e.message().contains("guest LBA 81920 (byte 41943040)"), e.message());
    }

    @Test
    void logicalPartitionOutsideItsExtended() throws Exception {
        Path f = healthy(tmp, "logical.img");
        // fault: logical 7's size (EBR 100352, entry 1) set to 40000 sectors: it would end at 142399
        putEntry(f, EBR3, 1, 0, 0x83, 2048, 40000);
        Finding l = only(probe(f), MbrCodes.LOGICAL_OUTSIDE_EXTENDED);
        assertTrue(l.message().contains("logical partition 7 (EBR at LBA 100352) covers LBA 102400..142399"),
                l.message());
    }

    @Test
    void longChainIsBounded() throws Exception {
        Path f = tmp.resolve("chain.img");
        MbrFixture.run("truncate", "-s", "1M", f.toString());
        // fault: an extended partition at LBA 64 whose EBRs link each to the next sector, 200 of them
        MbrFixture.write(f, 510, new byte[] { 0x55, (byte) 0xAA });
        putEntry(f, 0, 1, 0, 0x05, 64, 1000);
        for (int i = 0; i < 200; i++) {
            MbrFixture.write(f, (64 + i) * SECTOR + 510L, new byte[] { 0x55, (byte) 0xAA });
            putEntry(f, 64 + i, 2, 0, 0x05, i + 1, 1);
        }
        List<Finding> found = probe(f);
        assertEquals(List.of(MbrCodes.EBR_CHAIN_TOO_LONG), codes(found));
        assertTrue(found.get(0).message().contains("more than 128 links"));
    }

    @Test
    void protectiveMbrIsLeftToTheGptProbeAndHybridIsInfo() throws Exception {
        Path f = tmp.resolve("gpt.img");
        MbrFixture.run("truncate", "-s", "64M", f.toString());
        MbrFixture.run("sgdisk", "-n1:2048:+20M", "-n2:0:+10M", f.toString());
        assertEquals(List.of(), probe(f));
        assertEquals("protective (GPT)", MbrFixture.describe(f).value());
        MbrFixture.run("sgdisk", "-h", "1:2", f.toString());
        List<Finding> found = probe(f);
        assertEquals(List.of(MbrCodes.HYBRID), codes(found));
        assertEquals(Severity.INFO, found.get(0).severity());
        assertTrue(found.get(0).message().contains("entry 2 (type 0x83, LBA 2048..43007)"), found.get(0).message());
    }

    @Test
    void wholeDiskFatFilesystemIsNoPartitionTable() throws Exception {
        Path f = tmp.resolve("fat.img");
        MbrFixture.run("truncate", "-s", "16M", f.toString());
        MbrFixture.run("mkfs.fat", "-F", "16", f.toString());
        assertEquals(List.of(), probe(f));
        assertEquals("filesystem boot sector", MbrFixture.describe(f).value());
    }

    @Test
    void otherFormatsGetTheGuestOffsetInTheMessageAndTheFileAsEvidence() throws Exception {
        Path f = healthy(tmp, "foreign.img");
        MbrFixture.write(f, EBR2 * SECTOR + 510, new byte[2]);
        try (ImageSource s = ImageSource.open(f)) {
            Finding e = only(MbrFixture.probe(new MbrFixture.ForeignView(s)), MbrCodes.EBR_BAD_SIGNATURE);
            assertTrue(e.message().contains("guest LBA 81920 (byte 41943040)"), e.message());
            assertEquals(List.of(Evidence.wholeFile(f)), e.evidence());
            assertEquals(-1, MbrLayout.read(new MbrFixture.ForeignView(s), org.vdiskdoctor.core.spi.Monitor.NONE)
                    .describe().offset(), "no file offsets for guest bytes of a non-raw format");
        }
    }
}
