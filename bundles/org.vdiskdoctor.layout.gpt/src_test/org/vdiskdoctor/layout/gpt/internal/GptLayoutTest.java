// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.layout.gpt.GptCodes;

/** The GPT as a structure tree, and evidence on formats whose guest offsets are not file offsets. */
class GptLayoutTest {

    @TempDir
    Path tmp;

    @Test
    void describeShowsBothHeadersAndThePartitions() throws Exception {
        Path f = GptFixture.healthy(tmp, "d.img");
        StructureNode n = GptFixture.describe(f);
        assertEquals("valid copy at LBA 1", n.value());
        assertEquals("131071", n.find("primary header", "AlternateLBA").value());
        assertEquals(512 + 32, n.find("primary header", "AlternateLBA").offset());
        assertEquals("valid at LBA 131071", n.find("backup header").value());
        assertEquals("131039", n.find("backup header", "PartitionEntryLBA").value());
        assertEquals("3 used of 128", n.find("partitions").value());
        assertEquals("EFI system", n.find("partitions", "partition 1").value());
        assertEquals("C12A7328-F81F-11D2-BA4B-00A0C93EC93B", n.find("partitions", "partition 1", "type").value());
        assertEquals("2048", n.find("partitions", "partition 1", "first LBA").value());
        assertEquals(1048576, n.find("partitions", "partition 1").offset());
        assertEquals("entry 1", n.find("protective MBR", "0xEE entry").value());
        assertEquals("131071", n.find("protective MBR", "size in sectors").value());
    }

    @Test
    void describeOfADiskWithoutGpt() throws Exception {
        Path f = tmp.resolve("blank.img");
        GptFixture.run("truncate", "-s", "1M", f.toString());
        StructureNode n = GptFixture.describe(f);
        assertEquals("none", n.value());
        assertEquals(null, n.find("partitions"));
    }

    @Test
    void otherFormatsGetTheGuestOffsetInTheMessageAndTheFileAsEvidence() throws Exception {
        Path f = GptFixture.healthy(tmp, "foreign.img");
        GptFixture.zeroSectors(f, 1, 1);
        try (ImageSource s = ImageSource.open(f)) {
            GptFixture.ForeignView view = new GptFixture.ForeignView(s);
            List<Finding> found = GptFixture.probe(view);
            Finding p = found.get(0);
            assertEquals(GptCodes.PRIMARY_HEADER_INVALID, p.code());
            assertTrue(p.message().contains("guest LBA 1 (byte 512)"), p.message());
            assertEquals(List.of(Evidence.wholeFile(f)), p.evidence());
            StructureNode n = GptLayout.read(view, Monitor.NONE).describe();
            assertEquals(-1, n.find("backup header", "MyLBA").offset(), "no file offsets for a non-raw format");
        }
    }
}
