// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.mbr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestDisk;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.layout.mbr.MbrCodes;

/**
 * An MBR of a 4K-native disk, written by {@code fdisk -b 4096}: its LBAs (and the EBR chain's) count 4096-byte
 * sectors. An MBR has no signature that tells the sector size, so it is read in the sectors the format records; the
 * view here records 4096 as a VHDX with 4096-byte logical sectors does. Cross-read with {@code fdisk -b 4096 -l}.
 */
class Mbr4KnTest {

    @TempDir
    Path tmp;

    private static final Pattern FDISK = Pattern.compile("(?m)^\\S+\\d\\s+(\\d+)\\s+(\\d+)\\s+([0-9a-f]+)\\s*$");

    /** A guest view of a raw file that records 4096-byte logical sectors. */
    record View4K(ImageSource source) implements OpenedImage, GuestReader {
        public String format() {
            return "vhdx";
        }

        public long virtualSize() {
            return source.size();
        }

        public void check(FindingSink sink, Monitor monitor) {
        }

        public StructureNode describe() {
            return StructureNode.node("vhdx").build();
        }

        public long guestSize() {
            return source.size();
        }

        public void readGuest(long off, ByteBuffer dst) throws IOException {
            source.readFully(off, dst);
        }

        @Override
        public int logicalSectorSize() {
            return 4096;
        }
    }

    /** Primary 1 of 16 MiB at LBA 256, extended 2 over the rest, logical 5 of 8 MiB in it; 4096-byte sectors. */
    private Path disk() throws Exception {
        Path f = tmp.resolve("4kn-mbr.img");
        MbrFixture.run("truncate", "-s", "64M", f.toString());
        MbrFixture.run("sh", "-c", "printf 'o\\nn\\np\\n1\\n\\n+16M\\nn\\ne\\n2\\n\\n\\nn\\n\\n+8M\\nw\\n' | fdisk -b 4096 "
                + f);
        return f;
    }

    /** offset,length in bytes of each non-extended partition {@code fdisk -b 4096 -l} lists. */
    private static List<String> fdiskList(Path disk) throws Exception {
        List<String> out = new ArrayList<>();
        Matcher m = FDISK.matcher(MbrFixture.run("fdisk", "-b", "4096", "-l", "-o", "Device,Start,Sectors,Id",
                disk.toString()));
        while (m.find()) {
            if (!m.group(3).equals("5")) out.add(Long.parseLong(m.group(1)) * 4096 + "," + Long.parseLong(m.group(2)) * 4096);
        }
        return out;
    }

    @Test
    void primaryAndLogicalPartitionsCount4096ByteSectors() throws Exception {
        Path f = disk();
        List<String> expected = fdiskList(f);
        assertEquals(List.of((256L * 4096) + "," + (16L << 20), (4608L * 4096) + "," + (8L << 20)), expected,
                "fdisk -b 4096 -l");
        try (ImageSource s = ImageSource.open(f)) {
            View4K view = new View4K(s);
            List<Volume> volumes = new MbrVolumeLocator().locate(new GuestDisk(view), Monitor.NONE);
            assertEquals(expected, volumes.stream().map(v -> v.offset() + "," + v.length()).toList());
            assertTrue(volumes.get(1).label().endsWith("(type 0x83 Linux, 4096-byte sectors)"), volumes.toString());
            StructureNode tree = new MbrVolumeLocator().describe(new GuestDisk(view), Monitor.NONE);
            assertEquals("4096", tree.find("logical sector size").value());
            assertEquals("4608", tree.find("logical partition 5", "start LBA").value());
            List<Finding> found = MbrFixture.probe(view);
            assertEquals(List.of(MbrCodes.PARTITION_OFFSETS), MbrFixture.codes(found), found::toString);
            assertTrue(found.get(0).message().contains("in 4096-byte sectors") && found.get(0).message()
                    .contains("partition 5: offset " + 4608L * 4096 + ", " + (8L << 20) + " bytes"),
                    found.get(0).message());
        }
    }
}
