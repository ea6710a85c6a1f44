// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.spi.BackingReference;
import org.vdiskdoctor.format.vdi.VdiCodes;
import org.vdiskdoctor.testing.DriverRun;
import org.vdiskdoctor.testing.GuestReads;
import org.vdiskdoctor.testing.GuestReads.Opened;

/**
 * Differencing images (from {@link VdiWriter}; qemu cannot make them) find their parent by UUID in their folder and
 * the folder above, as VirtualBox lays out {@code <VM>/base.vdi} and {@code <VM>/Snapshots/{uuid}.vdi}.
 */
class VdiChainTest {

    @TempDir
    Path dir;

    /** A 3 MiB base with blocks 0 and 2 written. */
    static VdiWriter base() {
        VdiWriter b = new VdiWriter(3 << 20);
        b.blocks[0] = VdiWriter.pattern(0x10, 0, 1 << 20);
        b.blocks[2] = VdiWriter.pattern(0x12, 0, 4096);
        return b;
    }

    /** A child of {@code parent}: block 0 overwritten in part, block 2 zeroed, block 1 free (parent). */
    static VdiWriter child(VdiWriter parent) {
        VdiWriter c = new VdiWriter(parent.diskSize);
        c.type = VdiHeader.TYPE_DIFF;
        c.linkage = parent.create;
        c.parentModify = parent.modify;
        c.blocks[0] = VdiWriter.pattern(0x20, 512, 1024);
        c.blocks[2] = VdiWriter.ZERO_BLOCK;
        return c;
    }

    @Test
    void parentInTheSameFolder() throws Exception {
        VdiWriter b = base();
        b.write(dir.resolve("base.vdi"));
        VdiWriter c = child(b);
        Path f = c.write(dir.resolve("child.vdi"));
        DriverRun r = VdiFixture.run(f);
        assertEquals(List.of(), r.findings(), r::toString);
        BackingReference ref = r.backing().orElseThrow();
        assertEquals("base.vdi", ref.name());
        assertEquals("vdi", ref.formatHint());
        assertEquals(new Evidence(f, VdiHeader.OFF_UUID_LINKAGE, 16), ref.storedAt());
        assertEquals(Map.of("uuidCreate", b.create.toString(), "uuidModify", b.modify.toString()),
                ref.expectedParentIds());
        assertTrue(ref.sizeMustMatch());
    }

    @Test
    void snapshotFindsItsBaseInTheVmFolderAndReadsThroughIt() throws Exception {
        Path vm = Files.createDirectories(dir.resolve("VM"));
        Path snaps = Files.createDirectories(vm.resolve("Snapshots"));
        VdiWriter b = base();
        Path basePath = b.write(vm.resolve("base.vdi"));
        VdiWriter c = child(b);
        Path f = c.write(snaps.resolve("{" + c.create + "}.vdi"));
        new VdiWriter(1 << 20).write(snaps.resolve("other.vdi")); // a neighbour with another UUID
        Files.writeString(vm.resolve("notes.vdi"), "not an image"); // and a file that only looks like one
        assertEquals("../base.vdi", VdiFixture.run(f).backing().orElseThrow().name());
        try (Opened parent = GuestFixture.open(basePath); Opened top = GuestFixture.open(f)) {
            ((VdiGuestImage) top.image()).attachBacking(parent.image());
            GuestReads.assertSameGuest(c.guest(b.guest(null)), GuestReads.readAll(top.guest(), 100_000),
                    "child over its base");
        }
    }

    @Test
    void missingParentIsReportedWithTheUuidAndTheFolders() throws Exception {
        VdiWriter b = base(); // never written: the parent is gone
        VdiWriter c = child(b);
        Path f = c.write(dir.resolve("orphan.vdi"));
        DriverRun r = VdiFixture.run(f);
        assertEquals(List.of(VdiCodes.CHAIN_PARENT_NOT_FOUND), r.codes(), r::toString);
        String m = r.get(VdiCodes.CHAIN_PARENT_NOT_FOUND).message();
        assertTrue(m.contains(b.create.toString()) && m.contains(dir.toRealPath().toString()), m);
        assertTrue(r.backing().isEmpty());
        try (Opened o = GuestFixture.open(f)) {
            ByteBuffer own = ByteBuffer.allocate(2048);
            o.guest().readGuest(0, own); // block 0 is the child's own
            assertEquals(0x20, own.get(600));
            IOException e = assertThrows(IOException.class, () -> o.guest().readGuest(1 << 20,
                    ByteBuffer.allocate(512)));
            assertTrue(e.getMessage().contains("not found") && e.getMessage().contains(b.create.toString()),
                    e.getMessage());
        }
    }

    @Test
    void twoCopiesOfTheParentAreAmbiguous() throws Exception {
        VdiWriter b = base();
        b.write(dir.resolve("base.vdi"));
        Files.copy(dir.resolve("base.vdi"), dir.resolve("base-copy.vdi"));
        Path f = child(b).write(dir.resolve("child.vdi"));
        DriverRun r = VdiFixture.run(f);
        assertEquals(List.of(VdiCodes.CHAIN_PARENT_AMBIGUOUS), r.codes(), r::toString);
        assertTrue(r.get(VdiCodes.CHAIN_PARENT_AMBIGUOUS).message().contains("base-copy.vdi"), r::toString);
        assertTrue(r.backing().isEmpty());
    }

    @Test
    void linkIdsAreTheParentsUuids() throws Exception {
        VdiWriter b = base();
        b.modify = UUID.fromString("01234567-89ab-cdef-0011-223344556677");
        Path f = b.write(dir.resolve("base.vdi"));
        try (Opened o = GuestFixture.open(f)) {
            assertEquals(Map.of("uuidCreate", b.create.toString(), "uuidModify",
                    "01234567-89ab-cdef-0011-223344556677"), o.image().linkIds());
        }
        // the RTUUID layout: the first field little-endian on disk
        assertEquals(0x67, Byte.toUnsignedInt(Files.readAllBytes(f)[VdiHeader.OFF_UUID_MODIFY]));
        try (org.vdiskdoctor.core.io.ImageSource s = org.vdiskdoctor.core.io.ImageSource.open(f)) {
            assertEquals(b.create.toString(), org.vdiskdoctor.format.vdi.VdiIdentity.uuidCreate(s).orElseThrow());
        }
        Files.write(dir.resolve("text.vdi"), new byte[100]);
        try (org.vdiskdoctor.core.io.ImageSource s = org.vdiskdoctor.core.io.ImageSource.open(dir.resolve("text.vdi"))) {
            assertTrue(org.vdiskdoctor.format.vdi.VdiIdentity.uuidCreate(s).isEmpty());
        }
    }
}
