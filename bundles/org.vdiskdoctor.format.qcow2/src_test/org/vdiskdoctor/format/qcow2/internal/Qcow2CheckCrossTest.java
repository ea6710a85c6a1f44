// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.crossCheck;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.ours;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.qemuCheck;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.qemuIo;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.qemuImg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;
import org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.Layout;
import org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.QemuCheck;
import org.vdiskdoctor.testing.DriverRun;

/**
 * The consistency check against {@code qemu-img check} on images made by {@code qemu-img}/{@code qemu-io}: healthy
 * images of every shape give no finding where qemu-img finds nothing, and each documented fault gives the same
 * leaked and refcount-error clusters and the same exit class as qemu-img.
 */
class Qcow2CheckCrossTest {

    @TempDir
    Path dir;

    private Path image(String name, String size, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("create", "-q", "-f", "qcow2"));
        args.addAll(List.of(options));
        args.add(name);
        args.add(size);
        qemuImg(dir, args.toArray(String[]::new));
        return dir.resolve(name);
    }

    /** A 16 MiB image with 4 KiB clusters and 1 MiB + 64 KiB written. */
    private Path written(String name) throws Exception {
        Path f = image(name, "16M", "-o", "cluster_size=4096");
        qemuIo(f, "write -q -P 1 0 1M", "write -q -P 2 8M 64k");
        return f;
    }

    private static void assertClean(DriverRun r) {
        assertEquals(List.of(), r.atLeast(Severity.WARNING), r::toString);
    }

    @Test
    void healthyImagesOfEveryShapeAreClean() throws Exception {
        List<Path> images = new ArrayList<>();
        for (String cs : List.of("512", "4096", "65536")) {
            Path f = image("cs" + cs + ".qcow2", "32M", "-o", "cluster_size=" + cs);
            qemuIo(f, "write -q -P 1 0 2M", "write -q -P 2 20M 300k", "write -q -z 1M 64k");
            images.add(f);
        }
        for (String bits : List.of("1", "2", "8", "16", "32", "64")) {
            Path f = image("rb" + bits + ".qcow2", "16M", "-o", "cluster_size=4096,refcount_bits=" + bits);
            qemuIo(f, "write -q -P 1 0 1M");
            images.add(f);
        }
        Path v2 = image("v2.qcow2", "16M", "-o", "compat=0.10,cluster_size=4096");
        qemuIo(v2, "write -q -P 1 0 1M");
        images.add(v2);
        Path ext = image("ext.qcow2", "16M", "-o", "extended_l2=on,cluster_size=65536");
        qemuIo(ext, "write -q -P 1 0 1M", "write -q -P 1 2M 4k");
        images.add(ext);
        Path pre = image("prealloc.qcow2", "8M", "-o", "preallocation=metadata,cluster_size=4096");
        images.add(pre);
        Path src = written("src.qcow2");
        qemuImg(dir, "convert", "-c", "-O", "qcow2", "-o", "cluster_size=4096", "src.qcow2", "compressed.qcow2");
        images.add(dir.resolve("compressed.qcow2"));
        for (Path f : images) {
            QemuCheck q = qemuCheck(f);
            assertEquals(0, q.exit(), q::output);
            assertClean(crossCheck(f));
        }
        assertTrue(src.toFile().isFile());
    }

    /** Sets the refcount of {@code cluster} in an image of any refcount width (sub-byte entries from bit 0). */
    private static void setRefcount(Layout l, long cluster, long value) throws Exception {
        int bits = 1 << l.refcountOrder();
        int blockBits = l.clusterBits() + 3 - l.refcountOrder();
        long block = Qcow2Fixture.getLong(l.file(), l.refcountTableOffset() + 8 * (cluster >>> blockBits));
        long bit = (cluster & ((1L << blockBits) - 1)) * bits;
        if (bits >= 8) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(bits / 8);
            for (int i = 0; i < bits / 8; i++) b.put(i, (byte) (value >>> (bits - 8 - 8 * i)));
            Qcow2Fixture.put(l.file(), block + bit / 8, b);
            return;
        }
        long at = block + bit / 8;
        int old = Qcow2Fixture.getInt(l.file(), at) >>> 24;
        int mask = ((1 << bits) - 1) << (bit % 8);
        Qcow2Fixture.putByte(l.file(), at, (old & ~mask) | ((int) value << (bit % 8)) & mask);
    }

    @Test
    void everyRefcountWidthDecodesLikeQemu() throws Exception {
        for (String width : List.of("1", "2", "4", "8", "32", "64")) {
            Path f = image("w" + width + ".qcow2", "16M", "-o", "cluster_size=4096,refcount_bits=" + width);
            qemuIo(f, "write -q -P 1 0 1M");
            Layout l = Layout.of(f);
            long zeroed = l.dataCluster(4096 * 3);
            long raised = l.dataCluster(4096 * 200);
            setRefcount(l, zeroed, 0); // fault: a used cluster's refcount 0 …
            if (!width.equals("1")) setRefcount(l, raised, 3); // … and another's raised to 3
            DriverRun r = crossCheck(f);
            assertEquals(Set.of(zeroed), ours(r, Qcow2Codes.REFCOUNT_TOO_LOW), width + "-bit: " + r);
            assertEquals(width.equals("1") ? Set.of() : Set.of(raised), ours(r, Qcow2Codes.REFCOUNT_LEAK), width);
        }
    }

    @Test
    void snapshotsShareL2TablesAndDataClusters() throws Exception {
        Path f = written("snap.qcow2");
        qemuImg(dir, "snapshot", "-c", "one", "snap.qcow2");
        qemuIo(f, "write -q -P 3 0 64k");
        qemuImg(dir, "snapshot", "-c", "two", "snap.qcow2");
        assertClean(crossCheck(f));
        // fault: a data cluster shared by the active table and both snapshots loses one of its three references
        Layout l = Layout.of(f);
        long shared = l.dataCluster(8 << 20);
        l.setRefcount(shared, 2);
        DriverRun r = crossCheck(f);
        assertEquals(Set.of(shared), ours(r, Qcow2Codes.REFCOUNT_TOO_LOW), r::toString);
        assertTrue(r.get(Qcow2Codes.REFCOUNT_TOO_LOW).message().contains("refcount on disk 2, referenced 3 times"),
                r::toString);
    }

    @Test
    void zeroedL2EntryIsALeak() throws Exception {
        Path f = written("leak.qcow2");
        Layout l = Layout.of(f);
        long entry = l.l2Entry(4096);
        long cluster = l.dataCluster(4096);
        Qcow2Fixture.putLong(f, entry, 0); // fault: the L2 entry of guest cluster 1 zeroed
        DriverRun r = crossCheck(f);
        assertEquals(Set.of(cluster), ours(r, Qcow2Codes.REFCOUNT_LEAK));
        Finding leak = r.get(Qcow2Codes.REFCOUNT_LEAK);
        assertEquals(Severity.WARNING, leak.severity());
        assertTrue(leak.message().contains("cluster " + cluster + " (0x" + Long.toHexString(cluster << 12)
                + "): refcount on disk 1, referenced 0 times"), leak::message);
        assertEquals(new Evidence(f, l.refcountEntry(cluster), 2), leak.evidence().get(0));
    }

    @Test
    void refcountZeroForAUsedClusterIsAnError() throws Exception {
        Path f = written("zero.qcow2");
        Layout l = Layout.of(f);
        long cluster = l.dataCluster(1 << 20 >> 1);
        l.setRefcount(cluster, 0); // fault: refcount 0 for a used data cluster
        DriverRun r = crossCheck(f);
        assertEquals(Set.of(cluster), ours(r, Qcow2Codes.REFCOUNT_TOO_LOW));
        assertTrue(qemuCheck(f).copiedErrors());
        Finding copied = r.get(Qcow2Codes.L2_ENTRY_COPIED_MISMATCH);
        assertEquals(new Evidence(f, l.l2Entry(1 << 20 >> 1), 8), copied.evidence().get(0));
    }

    @Test
    void raisedRefcountIsALeak() throws Exception {
        Path f = written("raised.qcow2");
        Layout l = Layout.of(f);
        long cluster = l.dataCluster(8 << 20);
        l.setRefcount(cluster, 2); // fault: refcount 2 for a cluster used once (also breaks its COPIED flag)
        DriverRun r = crossCheck(f);
        assertEquals(Set.of(cluster), ours(r, Qcow2Codes.REFCOUNT_LEAK));
        assertTrue(r.has(Qcow2Codes.L2_ENTRY_COPIED_MISMATCH), r::toString);
    }

    @Test
    void l2EntryPastEndOfFile() throws Exception {
        Path f = written("eof.qcow2");
        Layout l = Layout.of(f);
        long entry = l.l2Entry(0);
        // fault: guest cluster 0 mapped 1 GiB past the end of the file (COPIED kept)
        Qcow2Fixture.putLong(f, entry, ClusterEntries.COPIED | (1L << 30));
        QemuCheck q = qemuCheck(f);
        assertTrue(q.pastEof(), q::output);
        DriverRun r = crossCheck(f);
        Finding eof = r.get(Qcow2Codes.REFERENCE_PAST_EOF);
        assertEquals(new Evidence(f, entry, 8), eof.evidence().get(0));
        assertTrue(eof.message().contains("0x40000000"), eof::message);
    }

    @Test
    void clearedCopiedFlagOnAnActiveL2Entry() throws Exception {
        Path f = written("copied.qcow2");
        Layout l = Layout.of(f);
        long entry = l.l2Entry(8 << 20);
        Qcow2Fixture.putLong(f, entry, Qcow2Fixture.getLong(f, entry) & ~ClusterEntries.COPIED); // fault
        QemuCheck q = qemuCheck(f);
        assertTrue(q.copiedErrors(), q::output);
        DriverRun r = crossCheck(f);
        assertEquals(List.of(Qcow2Codes.L2_ENTRY_COPIED_MISMATCH), r.codes(), r::toString);
        assertTrue(r.get(Qcow2Codes.L2_ENTRY_COPIED_MISMATCH).message().contains("refcount 1 on disk"));
    }

    @Test
    void dirtyLazyRefcountsAreStaleNotCorrupt() throws Exception {
        Path f = image("lazy.qcow2", "16M", "-o", "cluster_size=4096,lazy_refcounts=on");
        // a VM killed mid-write: qemu-io aborts with lazy refcounts, leaving the dirty bit and stale refcounts
        Qcow2CheckFixture.exec(dir, List.of(Qcow2CheckFixture.QEMU_IO, "-f", "qcow2", "-c", "write -q -P 1 0 256k",
                "-c", "abort", f.toString()));
        QemuCheck q = qemuCheck(f);
        assertEquals(2, q.exit(), q::output);
        assertEquals(64, q.errors().size(), q::output);
        DriverRun r = Qcow2Fixture.run(f);
        assertEquals(List.of(Qcow2Codes.FEATURE_DIRTY_LAZY_REFCOUNTS, Qcow2Codes.REFCOUNT_STALE_LAZY), r.codes(),
                r::toString);
        assertEquals(List.of(), r.atLeast(Severity.WARNING));
        assertTrue(r.get(Qcow2Codes.REFCOUNT_STALE_LAZY).message().contains("64 below"), r::toString);
    }

    @Test
    void bitmapClustersAreCountedAndLeakWhenTheBitmapsBitIsCleared() throws Exception {
        Path f = written("bitmap.qcow2");
        qemuImg(dir, "bitmap", "--add", "bitmap.qcow2", "b0");
        qemuIo(f, "write -q -P 4 2M 1M");
        assertClean(crossCheck(f));
        // fault: autoclear bit 0 cleared, as a program without bitmap support leaves it: QEMU ignores the
        // bitmaps, and their directory, table and data clusters become leaks
        Qcow2Fixture.putLong(f, 88, Qcow2Fixture.getLong(f, 88) & ~1L);
        DriverRun r = crossCheck(f);
        assertFalse(ours(r, Qcow2Codes.REFCOUNT_LEAK).isEmpty(), r::toString);
    }

    @Test
    void luksImageMetadataIsChecked() throws Exception {
        Path f = Qcow2Fixture.createLuks(dir, "luks.qcow2", "16M", "cluster_size=4096");
        String[] open = { "--object", "secret,id=s0,data=pw", "--image-opts",
                "driver=qcow2,file.filename=" + f + ",encrypt.key-secret=s0" };
        qemuImg(dir, "check", open[0], open[1], open[2], open[3]);
        Qcow2CheckFixture.exec(dir, List.of(Qcow2CheckFixture.QEMU_IO, open[0], open[1], "--image-opts", open[3],
                "-c", "write -q -P 1 0 512k"));
        DriverRun r = crossCheck(f, open);
        assertEquals(List.of(Qcow2Codes.CRYPT_LUKS, Qcow2Codes.GUEST_ENCRYPTED), r.codes(), r::toString);
        // fault: the LUKS header's first cluster loses its refcount
        Layout l = Layout.of(f);
        long luks = Qcow2Fixture.findExtension(f, HeaderExtensions.FULL_DISK_ENCRYPTION);
        long header = Qcow2Fixture.getLong(f, luks + 8) >>> 12;
        l.setRefcount(header, 0);
        r = crossCheck(f, open);
        assertEquals(Set.of(header), ours(r, Qcow2Codes.REFCOUNT_TOO_LOW));
        assertTrue(r.get(Qcow2Codes.REFCOUNT_TOO_LOW).message().contains("the LUKS header"), r::toString);
    }

    @Test
    void corruptBitNamesWhatTheCheckFound() throws Exception {
        Path f = written("corrupt.qcow2");
        Layout l = Layout.of(f);
        l.setRefcount(l.dataCluster(0), 0); // fault: refcount 0 for a used cluster …
        Qcow2Fixture.orLong(f, 72, FeatureBits.INCOMPAT_CORRUPT); // … and the corrupt bit QEMU would set
        DriverRun r = Qcow2Fixture.run(f);
        Finding c = r.get(Qcow2Codes.FEATURE_CORRUPT_CONFIRMED);
        assertTrue(c.message().contains("1 × qcow2.refcount.too-low"), c::message);
    }
}
