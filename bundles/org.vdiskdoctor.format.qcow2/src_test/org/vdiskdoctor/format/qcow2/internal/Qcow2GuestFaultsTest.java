// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.qcow2.internal.GuestFixture.assertReadsLikeQemu;
import static org.vdiskdoctor.format.qcow2.internal.GuestFixture.create;
import static org.vdiskdoctor.format.qcow2.internal.GuestFixture.io;
import static org.vdiskdoctor.format.qcow2.internal.GuestFixture.open;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.getLong;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.putLong;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;
import org.vdiskdoctor.testing.DriverRun;
import org.vdiskdoctor.testing.GuestReads.Opened;

/**
 * Hostile and damaged tables under guest reads (each test names the fault it makes): every one is an
 * {@link IOException} with a message that says what is wrong, never an unchecked exception or a wrong answer. Also
 * the external data file: read like QEMU when it lies beside the image, a finding and no reads when it does not.
 */
class Qcow2GuestFaultsTest {

    @TempDir
    Path dir;

    private Path imageWithData() throws Exception {
        Path img = create(dir, "data.qcow2", "1M");
        io(img, "write -P 0x42 0 128k");
        return img;
    }

    private static IOException readFails(Path img, long offset) throws IOException {
        try (Opened o = open(img)) {
            return assertThrows(IOException.class, () -> o.guest().readGuest(offset, ByteBuffer.allocate(4096)));
        }
    }

    @Test
    void l2EntryPastTheEndOfTheFile() throws Exception {
        Path img = imageWithData();
        long l2 = GuestFixture.l2TableOffset(img, 0);
        putLong(img, l2 + 8, ClusterEntries.COPIED | (1L << 40)); // fault: cluster 1 mapped 1 TiB into the file
        IOException e = readFails(img, 65536);
        assertTrue(e.getMessage().contains("past the end") && e.getMessage().contains("0x10000000000"),
                e.getMessage());
        try (Opened o = open(img)) {
            o.guest().readGuest(0, ByteBuffer.allocate(4096)); // cluster 0 is still readable
        }
    }

    @Test
    void unalignedL2EntryAndL2Table() throws Exception {
        Path img = imageWithData();
        long l2 = GuestFixture.l2TableOffset(img, 0);
        putLong(img, l2, getLong(img, l2) + 512); // fault: cluster 0 mapped to a non-cluster-aligned offset
        assertTrue(readFails(img, 0).getMessage().contains("not cluster-aligned"));
        long l1 = getLong(img, Qcow2Header.OFF_L1_OFFSET);
        putLong(img, l1, getLong(img, l1) + 512); // fault: the L2 table itself is unaligned
        assertTrue(readFails(img, 0).getMessage().contains("L2 table"));
        putLong(img, l1, ClusterEntries.COPIED | (1L << 45)); // fault: the L2 table lies past the end
        assertTrue(readFails(img, 0).getMessage().contains("outside the file"));
    }

    @Test
    void invalidSubclusterBitmap() throws Exception {
        Path img = create(dir, "ext.qcow2", "1M", "-o", "extended_l2=on");
        io(img, "write -P 0x42 0 4k");
        long l2 = GuestFixture.l2TableOffset(img, 0);
        putLong(img, l2 + 8, getLong(img, l2 + 8) | (1L << 32)); // fault: subcluster 0 both allocated and zero
        assertTrue(readFails(img, 0).getMessage().contains("invalid subcluster bitmap"));
    }

    private Path compressed() throws Exception {
        Path src = imageWithData();
        Qcow2Fixture.qemuImg(dir, "convert", "-c", "-O", "qcow2", "data.qcow2", "z.qcow2");
        return dir.resolve("z.qcow2");
    }

    @Test
    void compressedClusterStartingPastTheEnd() throws Exception {
        Path img = compressed();
        long l2 = GuestFixture.l2TableOffset(img, 0);
        long e = getLong(img, l2);
        long offsetMask = (1L << ClusterEntries.compressedOffsetBits(16)) - 1;
        long past = Files.size(img) + 4096;
        putLong(img, l2, (e & ~offsetMask) | past); // fault: compressed data 4 KiB past the end of the file
        assertTrue(readFails(img, 0).getMessage().contains("outside the file"));
    }

    @Test
    void compressedLengthBeyondTheEndIsBoundedByTheFile() throws Exception {
        Path img = compressed();
        byte[] expected = GuestFixture.qemuGuest(img);
        long l2 = GuestFixture.l2TableOffset(img, 0);
        int x = ClusterEntries.compressedOffsetBits(16);
        long sectorsMask = ((1L << 62) - 1) & ~((1L << x) - 1);
        // fault: the last compressed cluster claims the most sectors the field holds, far past the end of the file
        long last = l2 + 8;
        putLong(img, last, getLong(img, last) | sectorsMask);
        assertTrue(ClusterEntries.compressedOffset(getLong(img, last), 16)
                + ClusterEntries.compressedLength(getLong(img, last), 16) > Files.size(img));
        try (Opened o = open(img)) {
            ByteBuffer b = ByteBuffer.allocate(65536);
            o.guest().readGuest(65536, b);
            assertTrue(Arrays.equals(Arrays.copyOfRange(expected, 65536, 131072), b.array()));
        }
    }

    @Test
    void corruptDeflateStream() throws Exception {
        Path img = compressed();
        long l2 = GuestFixture.l2TableOffset(img, 0);
        long data = ClusterEntries.compressedOffset(getLong(img, l2), 16);
        byte[] junk = new byte[32];
        Arrays.fill(junk, (byte) 0xff); // fault: the deflate stream starts with a reserved block type
        Qcow2Fixture.put(img, data, ByteBuffer.wrap(junk));
        IOException e = readFails(img, 0);
        assertTrue(e.getMessage().contains("deflate") || e.getMessage().contains("decompresses"), e.getMessage());
    }

    @Test
    void corruptZstdFrame() throws Exception {
        imageWithData();
        Qcow2Fixture.qemuImg(dir, "convert", "-c", "-O", "qcow2", "-o", "compression_type=zstd", "data.qcow2",
                "zs.qcow2");
        Path img = dir.resolve("zs.qcow2");
        long l2 = GuestFixture.l2TableOffset(img, 0);
        long data = ClusterEntries.compressedOffset(getLong(img, l2), 16);
        Qcow2Fixture.putInt(img, data, 0x12345678); // fault: the zstd frame magic is overwritten
        IOException e = readFails(img, 0);
        assertTrue(e.getMessage().contains("zstd"), e.getMessage());
        try (Opened o = open(img)) {
            ByteBuffer b = ByteBuffer.allocate(65536);
            o.guest().readGuest(65536, b); // the next compressed cluster is intact
            assertEquals(0x42, b.get(0));
        }
    }

    @Test
    void externalDataFileReadsLikeQemu() throws Exception {
        for (String raw : new String[] { "off", "on" }) {
            Path img = create(dir, "ext-" + raw + ".qcow2", "4M", "-o", "data_file=ext-" + raw + ".data"
                    + ",data_file_raw=" + raw);
            io(img, "write -P 0x31 0 64k", "write -P 0x32 1000k 300k", "write -z 2m 64k");
            assertReadsLikeQemu(img, "external data file, data_file_raw=" + raw);
        }
    }

    @Test
    void externalDataFileOutsideTheFolderIsNotFollowed() throws Exception {
        Path img = create(dir, "esc.qcow2", "1M", "-o", "data_file=abcdefgh.raw");
        long ext = Qcow2Fixture.findExtension(img, HeaderExtensions.EXTERNAL_DATA_FILE);
        // fault: the 12-byte name (16 with padding) becomes an absolute 13-byte name outside the folder
        byte[] name = "/etc/hostname".getBytes(StandardCharsets.US_ASCII);
        Qcow2Fixture.putInt(img, ext + 4, name.length);
        Qcow2Fixture.put(img, ext + 8, ByteBuffer.wrap(name));
        DriverRun r = Qcow2Fixture.run(img);
        assertTrue(r.has(Qcow2Codes.DATA_FILE_ESCAPE), r::toString);
        assertTrue(r.get(Qcow2Codes.DATA_FILE_ESCAPE).message().contains("/etc/hostname"));
        try (Opened o = open(img)) {
            Qcow2GuestReadTest.assertNotGuestReader(o);
        }
        byte[] up = "../abcdef.raw".getBytes(StandardCharsets.US_ASCII); // fault: a relative name that climbs out
        Qcow2Fixture.put(img, ext + 8, ByteBuffer.wrap(up));
        assertTrue(Qcow2Fixture.run(img).has(Qcow2Codes.DATA_FILE_ESCAPE));
    }

    @Test
    void missingExternalDataFile() throws Exception {
        Path img = create(dir, "gone.qcow2", "1M", "-o", "data_file=gone.raw");
        Files.delete(dir.resolve("gone.raw")); // fault: the data file did not travel with the image
        DriverRun r = Qcow2Fixture.run(img);
        assertEquals(java.util.List.of(Qcow2Codes.DATA_FILE_EXTERNAL, Qcow2Codes.DATA_FILE_UNAVAILABLE), r.codes(),
                r::toString);
        try (Opened o = open(img)) {
            Qcow2GuestReadTest.assertNotGuestReader(o);
        }
    }
}
