// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.run;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.format.vmdk.VmdkCodes;
import org.vdiskdoctor.testing.DriverRun;
import org.vdiskdoctor.testing.Tools;

/**
 * The data file of an ESXi snapshot opened alone: a VMFSSPARSE extent (-delta.vmdk, "COWD" header) or an SESPARSE one
 * (-sesparse.vmdk). No Debian tool makes them: a test-side writer builds the COWD header from its layout (magic,
 * version 1, flags, disk sectors, granularity, grain directory offset and size, file sectors), which qemu-img, whose
 * VMDK driver reads VMFSSPARSE extents, cross-reads; for seSparse only the 8-byte constant-header magic matters here.
 * Each is named for what it is, never as a damaged VMDK, and points at its descriptor when it lies beside it.
 */
class VmdkSnapshotDataTest {

    @TempDir
    Path dir;

    /** A 16 MiB VMFSSPARSE extent with an empty grain directory (64 entries of one-sector grains' tables). */
    private static Path cowd(Path f) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(5 * 512).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, VmdkOpen.COWD_MAGIC).putInt(4, 1).putInt(8, 3).putInt(12, 32768).putInt(16, 1)
                .putInt(20, 4).putInt(24, 64).putInt(28, 5);
        Files.write(f, b.array());
        return f;
    }

    private static Finding only(DriverRun r) {
        assertEquals(1, r.findings().size(), r::toString);
        return r.findings().get(0);
    }

    @Test
    void aDeltaWithItsDescriptorBesideItPointsThere() throws Exception {
        Path delta = cowd(dir.resolve("vm-000001-delta.vmdk"));
        // its descriptor (no parent, so that qemu-img opens it alone): qemu reads the writer's COWD header through it
        Files.writeString(dir.resolve("vm-000001.vmdk"), "# Disk DescriptorFile\nversion=1\nCID=fffffffe\n"
                + "parentCID=ffffffff\ncreateType=\"vmfsSparse\"\n\nRW 32768 VMFSSPARSE \"vm-000001-delta.vmdk\"\n");
        String info = Tools.run("qemu-img", "info", "-f", "vmdk", dir.resolve("vm-000001.vmdk").toString());
        assertTrue(info.contains("file format: vmdk") && info.contains("cluster_size: 512"), info);
        DriverRun r = run(delta);
        Finding f = only(r);
        assertEquals(VmdkCodes.DESCRIPTOR_MISSING_BESIDE_DELTA, f.code());
        assertTrue(f.message().contains("vmfsSparse extent") && f.message().contains("open its descriptor "
                + "'vm-000001.vmdk' beside it instead"), f::message);
        assertEquals(0, f.evidence().get(0).offset());
        assertEquals(4, f.evidence().get(0).length());
        assertFalse(r.has(VmdkCodes.HEADER_BAD_MAGIC), "not 'damaged'");
    }

    @Test
    void aLoneDeltaSaysHowToRecreateItsDescriptor() throws Exception {
        Finding f = only(run(cowd(dir.resolve("web01_1-000002-delta.vmdk"))));
        assertEquals(VmdkCodes.DESCRIPTOR_MISSING_BESIDE_DELTA, f.code());
        assertTrue(f.message().contains("'web01_1-000002.vmdk' is missing beside it")
                && f.message().contains("RW <the parent's sectors> VMFSSPARSE \"web01_1-000002-delta.vmdk\""),
                f::message);
    }

    @Test
    void aCowdFileUnderAnotherNameIsKnownByItsMagic() throws Exception {
        Finding f = only(run(cowd(dir.resolve("copy.vmdk"))));
        assertEquals(VmdkCodes.DESCRIPTOR_MISSING_BESIDE_DELTA, f.code());
        assertTrue(f.message().contains("open the snapshot's descriptor"), f::message);
    }

    @Test
    void anSeSparseExtentByMagicAndByName() throws Exception {
        Path se = dir.resolve("db-000001-sesparse.vmdk");
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, VmdkOpen.SESPARSE_MAGIC).putLong(8, 0x200000001L); // constant header: magic, version 2.1
        Files.write(se, b.array());
        Finding f = only(run(se));
        assertEquals(VmdkCodes.DESCRIPTOR_MISSING_BESIDE_DELTA, f.code());
        assertTrue(f.message().contains("seSparse extent") && f.message().contains("SESPARSE \"db-000001-sesparse"
                + ".vmdk\""), f::message);
        assertEquals(8, f.evidence().get(0).length());
        Path zeros = dir.resolve("lost-000003-sesparse.vmdk"); // the header zeroed: the name still tells
        Files.write(zeros, new byte[4096]);
        Finding byName = only(run(zeros));
        assertEquals(VmdkCodes.DESCRIPTOR_MISSING_BESIDE_DELTA, byName.code());
        assertTrue(byName.message().contains("by its name"), byName::message);
    }
}
