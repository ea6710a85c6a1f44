// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.qcow2.internal.GuestFixture.assertReadsLikeQemu;
import static org.vdiskdoctor.testing.GuestReads.assertSameGuest;
import static org.vdiskdoctor.format.qcow2.internal.GuestFixture.create;
import static org.vdiskdoctor.format.qcow2.internal.GuestFixture.io;
import static org.vdiskdoctor.format.qcow2.internal.GuestFixture.open;
import static org.vdiskdoctor.format.qcow2.internal.GuestFixture.qemuGuest;
import static org.vdiskdoctor.testing.GuestReads.readAll;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.testing.GuestReads.Opened;

/**
 * Guest reads compared byte for byte with what QEMU reads ({@code qemu-img convert -O raw}) on images that
 * {@code qemu-img}/{@code qemu-io} wrote: every cluster size class, both versions, zero and compressed clusters,
 * subclusters, reads that cross clusters, and reads past the end.
 */
class Qcow2GuestReadTest {

    @TempDir
    Path dir;

    /** Patterns at unaligned offsets that cross cluster (and, for 2 MiB, L2) boundaries. */
    private static final String[] WRITES = { "write -P 0x11 0 4k", "write -P 0x22 65000 70000",
            "write -P 0x33 2000k 200k", "write -P 0x44 5m 512", "write -P 0x55 6143k 1k" };

    @TestFactory
    Stream<DynamicTest> everyClusterSizeAndVersionReadsLikeQemu() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String cluster : List.of("512", "4k", "64k", "2M")) {
            for (String compat : List.of("0.10", "1.1")) {
                String name = "c" + cluster + "-v" + compat + ".qcow2";
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Path img = create(dir, name, "6M", "-o", "cluster_size=" + cluster + ",compat=" + compat);
                    io(img, WRITES);
                    assertReadsLikeQemu(img, name);
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void zeroClustersReadAsZeros() throws Exception {
        Path img = create(dir, "zero.qcow2", "2M");
        io(img, "write -P 0xaa 0 2M", "write -z 64k 128k", "write -z 1m 64k");
        long l2 = GuestFixture.l2TableOffset(img, 0);
        assertTrue((Qcow2Fixture.getLong(img, l2 + 8) & ClusterEntries.ZERO) != 0, "cluster 1 has the zero flag");
        assertReadsLikeQemu(img, "zero clusters");
        try (Opened o = open(img)) {
            ByteBuffer b = ByteBuffer.allocate(128 * 1024);
            o.guest().readGuest(64 * 1024, b);
            assertTrue(isZero(b.array()));
        }
    }

    @Test
    void deflateCompressedClustersReadLikeQemu() throws Exception {
        for (String cluster : List.of("4k", "64k", "2M")) {
            Path src = create(dir, "plain-" + cluster + ".qcow2", "6M", "-o", "cluster_size=" + cluster);
            io(src, WRITES);
            String name = "zlib-" + cluster + ".qcow2";
            Qcow2Fixture.qemuImg(dir, "convert", "-c", "-O", "qcow2", "-o", "cluster_size=" + cluster,
                    src.getFileName().toString(), name);
            assertTrue(firstCompressedEntry(dir.resolve(name)) != 0, name + " has compressed clusters");
            assertReadsLikeQemu(dir.resolve(name), name);
        }
    }

    @Test
    void zstdCompressedClustersReadLikeQemu() throws Exception {
        Path src = create(dir, "plain.qcow2", "6M");
        io(src, WRITES);
        for (String cluster : List.of("4k", "64k", "2M")) {
            String name = "zstd-" + cluster + ".qcow2";
            Qcow2Fixture.qemuImg(dir, "convert", "-c", "-O", "qcow2", "-o", "compression_type=zstd,cluster_size="
                    + cluster, "plain.qcow2", name);
            Path img = dir.resolve(name);
            assertEquals(1, Qcow2Fixture.getInt(img, Qcow2Header.OFF_COMPRESSION_TYPE) >>> 24, "compression_type");
            assertTrue(firstCompressedEntry(img) != 0, name + " has compressed clusters");
            assertReadsLikeQemu(img, name);
        }
    }

    @Test
    void compressedClustersWithExtendedL2ReadLikeQemu() throws Exception {
        Path src = create(dir, "plain.qcow2", "6M");
        io(src, WRITES);
        Qcow2Fixture.qemuImg(dir, "convert", "-c", "-O", "qcow2", "-o", "extended_l2=on", "plain.qcow2",
                "xz.qcow2");
        Path img = dir.resolve("xz.qcow2");
        long l2 = GuestFixture.l2TableOffset(img, 0);
        assertTrue(ClusterEntries.compressed(Qcow2Fixture.getLong(img, l2)), "cluster 0 is compressed");
        assertReadsLikeQemu(img, "compressed with extended L2");
    }

    @Test
    void subclustersFallThroughToTheBackingImageOrReadZeros() throws Exception {
        Path base = create(dir, "base.qcow2", "2M");
        io(base, "write -P 0x5a 0 2M");
        Path top = create(dir, "top.qcow2", "2M", "-b", "base.qcow2", "-F", "qcow2", "-o",
                "extended_l2=on,cluster_size=64k");
        // 64 KiB clusters have 2 KiB subclusters: data in some, zeros in others, the rest from the base
        io(top, "write -P 0x61 2k 2k", "write -P 0x62 7k 3k", "write -z 16k 4k", "write -P 0x63 130k 1k",
                "write -z 300k 64k", "write -P 0x64 1000k 100k");
        long l2 = GuestFixture.l2TableOffset(top, 0);
        long bitmap = Qcow2Fixture.getLong(top, l2 + 8);
        assertTrue(SubclusterBitmap.allocated(bitmap, 1) && !SubclusterBitmap.allocated(bitmap, 0),
                "cluster 0 is partly allocated: " + Long.toHexString(bitmap));
        assertTrue(SubclusterBitmap.zero(bitmap, 8), "subcluster 8 reads as zeros: " + Long.toHexString(bitmap));
        byte[] expected = qemuGuest(top);
        try (Opened t = open(top); Opened b = open(base)) {
            ((Qcow2GuestImage) t.image()).attachBacking(b.image());
            assertSameGuest(expected, readAll(t.guest(), 3000), "extended L2 over a backing image");
        }
    }

    @Test
    void backingChainFallsThroughAndReadsZerosPastTheParentsEnd() throws Exception {
        Path base = create(dir, "base.qcow2", "4M", "-o", "cluster_size=4k");
        io(base, "write -P 0x55 0 4M");
        Path mid = create(dir, "mid.qcow2", "5M", "-b", "base.qcow2", "-F", "qcow2", "-o", "compat=0.10");
        io(mid, "write -P 0x66 100k 100k", "write -P 0x67 4095k 2k");
        Path top = create(dir, "top.qcow2", "6M", "-b", "mid.qcow2", "-F", "qcow2");
        io(top, "write -P 0x77 150k 1k", "write -z 3m 64k", "write -P 0x78 5500k 4k");
        byte[] expected = qemuGuest(top);
        try (Opened t = open(top); Opened m = open(mid);
                Opened b = open(base)) {
            ((Qcow2GuestImage) m.image()).attachBacking(b.image());
            ((Qcow2GuestImage) t.image()).attachBacking(m.image());
            assertSameGuest(expected, readAll(t.guest(), 100_000), "three-image chain");
        }
    }

    @Test
    void anOverlayWithoutItsParentRefusesToGuess() throws Exception {
        create(dir, "base.qcow2", "1M");
        Path top = create(dir, "top.qcow2", "1M", "-b", "base.qcow2", "-F", "qcow2");
        io(top, "write -P 0x77 0 64k");
        try (Opened t = open(top)) {
            ByteBuffer own = ByteBuffer.allocate(64 * 1024);
            t.guest().readGuest(0, own); // its own cluster needs no parent
            IOException e = assertThrows(IOException.class, () -> t.guest().readGuest(64 * 1024,
                    ByteBuffer.allocate(512)));
            assertTrue(e.getMessage().contains("base.qcow2") && e.getMessage().contains("not open"), e.getMessage());
        }
    }

    @Test
    void readsPastTheGuestSizeAreIoErrors() throws Exception {
        Path img = create(dir, "small.qcow2", "1M");
        io(img, "write -P 0x12 1020k 4k");
        try (Opened o = open(img)) {
            GuestReader g = o.guest();
            assertEquals(1 << 20, g.guestSize());
            ByteBuffer last = ByteBuffer.allocate(4096);
            g.readGuest((1 << 20) - 4096, last);
            assertEquals(0x12, last.get(0));
            g.readGuest(1 << 20, ByteBuffer.allocate(0)); // an empty read at the end is fine
            assertThrows(IOException.class, () -> g.readGuest((1 << 20) - 4095, ByteBuffer.allocate(4096)));
            assertThrows(IOException.class, () -> g.readGuest(1 << 20, ByteBuffer.allocate(1)));
            assertThrows(IOException.class, () -> g.readGuest(-1, ByteBuffer.allocate(1)));
            assertThrows(IOException.class, () -> g.readGuest(Long.MAX_VALUE, ByteBuffer.allocate(1)));
        }
    }

    @Test
    void theL2CacheStaysBounded() throws Exception {
        Path img = create(dir, "many-l2.qcow2", "16M", "-o", "cluster_size=512");
        io(img, "write -P 0x01 0 16M");
        try (Opened o = open(img)) {
            readAll(o.guest(), 65536); // 512 L2 tables of 512 bytes
            L2Cache cache = GuestFixture.cache(o);
            assertTrue(cache.size() <= cache.capacity(), cache.size() + " > " + cache.capacity());
            assertEquals(L2Cache.BUDGET / 512, cache.capacity());
        }
    }

    static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) return false;
        }
        return true;
    }

    /** The first compressed entry of the first L2 table, or 0. */
    static long firstCompressedEntry(Path img) throws IOException {
        int clusterBits = Qcow2Fixture.getInt(img, Qcow2Header.OFF_CLUSTER_BITS);
        long l2 = GuestFixture.l2TableOffset(img, 0);
        for (int i = 0; i < Math.min(128, (1 << clusterBits) / 8); i++) {
            long e = Qcow2Fixture.getLong(img, l2 + 8L * i);
            if (ClusterEntries.compressed(e)) return e;
        }
        return 0;
    }

    static void assertNotGuestReader(Opened o) {
        assertFalse(o.image() instanceof GuestReader, o.source().path() + " must not offer guest reads");
    }
}
