// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.replaceText;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.run;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.format.vmdk.VmdkCodes;
import org.vdiskdoctor.testing.DriverRun;

/**
 * Faults in descriptors (separate text files of qemu-img monolithicFlat images, or embedded in monolithicSparse
 * ones) and in the extents they name, each made by editing the text or moving files.
 */
class VmdkDescriptorFaultsTest {

    @TempDir
    Path dir;

    private Path flat(String name) throws Exception {
        return VmdkFixture.create(dir, name + ".vmdk", "monolithicFlat", "3M", "write -q -P 0xab 0 64k");
    }

    @Test
    void garbageLineIsAFindingNotAnException() throws Exception {
        Path f = flat("g");
        replaceText(f, "ddb.adapterType", "this line is \u0001garbage\nddb.adapterType"); // fault: a junk line
        DriverRun r = run(f);
        assertTrue(r.get(VmdkCodes.DESCRIPTOR_GARBAGE_LINE).message().contains("\\x01garbage"), r::toString);
        assertTrue(r.guestReader(), "the extents still read");
    }

    @Test
    void signatureLineRemoved() throws Exception {
        Path f = flat("s");
        replaceText(f, "# Disk DescriptorFile\n", ""); // fault: first line deleted (VirtualBox refuses)
        DriverRun r = run(f);
        assertEquals(FormatDriver.SCORE_LIKELY, r.score());
        assertEquals(Severity.WARNING, r.get(VmdkCodes.DESCRIPTOR_SIGNATURE_MISSING).severity());
    }

    @Test
    void createTypeRemoved() throws Exception {
        Path f = flat("m");
        replaceText(f, "createType=\"monolithicFlat\"", "# createType gone"); // fault: createType deleted
        assertTrue(run(f).has(VmdkCodes.DESCRIPTOR_CREATE_TYPE_MISSING));
    }

    @Test
    void createTypeMisspelt() throws Exception {
        Path f = flat("u");
        replaceText(f, "monolithicFlat\"", "monolithicFlit\""); // fault: typo in createType
        assertTrue(run(f).has(VmdkCodes.DESCRIPTOR_CREATE_TYPE_UNKNOWN));
    }

    @Test
    void cidNotHex() throws Exception {
        Path f = flat("c");
        replaceText(f, "\nCID=", "\nCID=zz"); // fault: CID=zz… is no hex number
        DriverRun r = run(f);
        assertTrue(r.has(VmdkCodes.DESCRIPTOR_CID_INVALID), r::toString);
        assertEquals(java.util.Map.of(), r.linkIds());
    }

    @Test
    void noExtentLines() throws Exception {
        Path f = flat("x");
        replaceText(f, "RW 6144 FLAT", "# RW 6144 FLAT"); // fault: the only extent line commented out
        DriverRun r = run(f);
        assertTrue(r.has(VmdkCodes.DESCRIPTOR_NO_EXTENTS), r::toString);
        assertFalse(r.guestReader());
    }

    @Test
    void flatExtentAloneWithoutDescriptor() throws Exception {
        Path f = flat("alone");
        Files.delete(f); // fault: only the big -flat.vmdk was copied
        DriverRun r = run(dir.resolve("alone-flat.vmdk"));
        assertEquals(FormatDriver.SCORE_NAME_ONLY, r.score());
        assertTrue(r.get(VmdkCodes.DESCRIPTOR_MISSING_BESIDE_FLAT).message().contains("'alone.vmdk' is missing"));
    }

    @Test
    void extentFileMissing() throws Exception {
        Path f = flat("gone");
        Files.move(dir.resolve("gone-flat.vmdk"), dir.resolve("renamed-flat.vmdk")); // fault: extent renamed
        DriverRun r = run(f);
        assertTrue(r.get(VmdkCodes.EXTENT_MISSING).message().contains("renamed-flat.vmdk"), r::toString);
        assertFalse(r.guestReader());
    }

    @Test
    void extentNameEscapingTheFolder() throws Exception {
        Path vm = Files.createDirectory(dir.resolve("vm"));
        Files.write(dir.resolve("secret-flat.vmdk"), new byte[3 << 20]);
        Path f = VmdkFixture.create(vm, "e.vmdk", "monolithicFlat", "3M");
        replaceText(f, "\"e-flat.vmdk\"", "\"../secret-flat.vmdk\""); // fault: extent outside the folder
        DriverRun r = run(f);
        assertTrue(r.has(VmdkCodes.EXTENT_ESCAPE), r::toString);
        assertFalse(r.guestReader());
    }

    @Test
    void flatExtentCutShort() throws Exception {
        Path f = flat("short");
        VmdkFixture.truncate(dir.resolve("short-flat.vmdk"), 1 << 20); // fault: 1 MiB of the 3 MiB left
        DriverRun r = run(f);
        assertTrue(r.has(VmdkCodes.EXTENT_SIZE_MISMATCH), r::toString);
        assertTrue(r.guestReader(), "the rest reads as zeros");
    }

    @Test
    void embeddedExtentSumDiffersFromCapacity() throws Exception {
        Path f = VmdkFixture.sparse(dir, "cap.vmdk");
        replaceText(f, "RW 6144 SPARSE", "RW 8192 SPARSE"); // fault: the descriptor says 4 MiB, the header 3 MiB
        assertTrue(run(f).has(VmdkCodes.EXTENT_CAPACITY_MISMATCH));
    }

    @Test
    void monolithicSparseRenamed() throws Exception {
        Path f = VmdkFixture.sparse(dir, "old-name.vmdk");
        Path moved = Files.move(f, dir.resolve("new-name.vmdk")); // fault: renamed without its embedded descriptor
        DriverRun r = run(moved);
        assertEquals(Severity.WARNING, r.get(VmdkCodes.EXTENT_RENAMED).severity());
        assertTrue(r.guestReader());
    }

    @Test
    void esxiDeltaExtentIsDescribedNotRead() throws Exception {
        Files.write(dir.resolve("vm-000001-delta.vmdk"), new byte[4096]);
        Path f = dir.resolve("vm-000001.vmdk");
        Files.writeString(f, """
                # Disk DescriptorFile
                version=1
                CID=0badcafe
                parentCID=ffffffff
                createType="vmfsSparse"
                RW 8 VMFSSPARSE "vm-000001-delta.vmdk"
                """); // an ESXi delta disk descriptor, written by hand
        DriverRun r = run(f);
        assertEquals(Severity.INFO, r.get(VmdkCodes.EXTENT_UNSUPPORTED).severity());
        assertFalse(r.guestReader());
    }

    @Test
    void deltaWithoutParentHint() throws Exception {
        Path f = VmdkFixture.sparse(dir, "delta.vmdk");
        replaceText(f, "parentCID=ffffffff", "parentCID=12345678"); // fault: a parent CID, but no parent name
        DriverRun r = run(f);
        assertTrue(r.has(VmdkCodes.CHAIN_PARENT_HINT_MISSING), r::toString);
        assertTrue(r.backing().isEmpty());
    }

    @Test
    void changeTrackingFileMissing() throws Exception {
        Path f = flat("ctk");
        replaceText(f, "ddb.adapterType", "changeTrackPath=\"ctk-ctk.vmdk\"\nddb.adapterType"); // fault: no ctk file
        DriverRun r = run(f);
        assertEquals(Severity.WARNING, r.get(VmdkCodes.CHAIN_CTK_MISSING).severity());
        Files.write(dir.resolve("ctk-ctk.vmdk"), new byte[512]);
        assertFalse(run(f).has(VmdkCodes.CHAIN_CTK_MISSING), "present once the file exists");
    }
}
