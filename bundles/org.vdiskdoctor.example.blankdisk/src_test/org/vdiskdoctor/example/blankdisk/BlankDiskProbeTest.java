// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.example.blankdisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;

class BlankDiskProbeTest {

    /** A raw view of a file, standing in for any format driver's opened image. */
    record RawView(ImageSource source) implements OpenedImage, GuestReader {
        public String format() {
            return "raw";
        }

        public long virtualSize() {
            return source.size();
        }

        public void check(FindingSink sink, Monitor monitor) {
        }

        public StructureNode describe() {
            return StructureNode.node("raw").build();
        }

        public long guestSize() {
            return source.size();
        }

        public void readGuest(long off, ByteBuffer dst) throws IOException {
            source.readFully(off, dst);
        }
    }

    private static List<Finding> probe(Path file) throws IOException {
        List<Finding> found = new ArrayList<>();
        try (ImageSource src = ImageSource.open(file)) {
            RawView view = new RawView(src);
            BlankDiskProbe p = new BlankDiskProbe();
            assertTrue(p.appliesTo(view));
            p.run(view, found::add, Monitor.NONE);
        }
        return found;
    }

    @Test
    void zerosAreReported(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("blank.img");
        Files.write(f, new byte[3 << 20]);
        List<Finding> found = probe(f);
        assertEquals(1, found.size());
        assertEquals(BlankDiskProbe.BLANK, found.get(0).code());
        assertTrue(found.get(0).message().contains("1048576 bytes"), found.get(0).message());
    }

    @Test
    void aBootSectorIsNotBlank(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("mbr.img");
        byte[] b = new byte[2 << 20];
        b[510] = 0x55;
        b[511] = (byte) 0xAA;
        Files.write(f, b);
        assertFalse(probe(f).stream().anyMatch(x -> x.code().equals(BlankDiskProbe.BLANK)));
    }

    @Test
    void smallDisksAreReadOnlyAsFarAsTheyGo(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("tiny.img");
        Files.write(f, new byte[4096]);
        assertTrue(probe(f).get(0).message().contains("4096 bytes"));
    }
}
