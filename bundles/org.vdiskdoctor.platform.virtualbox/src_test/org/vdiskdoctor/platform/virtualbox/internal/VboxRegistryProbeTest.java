// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.platform.virtualbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.platform.virtualbox.internal.VboxFixture.UUID_A;
import static org.vdiskdoctor.platform.virtualbox.internal.VboxFixture.run;
import static org.vdiskdoctor.platform.virtualbox.internal.VboxFixture.vbox;
import static org.vdiskdoctor.platform.virtualbox.internal.VboxFixture.vdi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.platform.virtualbox.VirtualBoxCodes;

/** The media registry of a .vbox file against the VDI headers it names. */
class VboxRegistryProbeTest {

    @TempDir
    Path dir;

    @Test
    void matchingRegistryHasNoFindingsAndUpperCaseBracesAreFine() throws Exception {
        vdi(dir, "vm.vdi");
        vdi(dir, "Snapshots/snap.vdi");
        vbox(dir, "vm.vbox", UUID_A.toUpperCase(), "vm.vdi");
        assertEquals(List.of(), run(dir));
        vbox(dir, "vm.vbox", UUID_A, "Snapshots\\snap.vdi"); // written on Windows
        assertEquals(List.of(), run(dir));
    }

    @Test
    void replacedDiskIsAUuidMismatch() throws Exception {
        Path disk = vdi(dir, "vm.vdi");
        // fault: the registry remembers another disk (the file was replaced by a copy of a different disk)
        vbox(dir, "vm.vbox", "99999999-0506-0708-090a-0b0c0d0e0f10", "vm.vdi");
        List<Finding> f = run(dir);
        assertEquals(1, f.size(), f::toString);
        assertEquals(VirtualBoxCodes.REGISTRY_UUID_MISMATCH, f.get(0).code());
        String m = f.get(0).message();
        assertTrue(m.contains("does not match the value stored in the media registry") && m.contains(UUID_A)
                && m.contains("99999999"), m);
        assertTrue(f.get(0).evidence().contains(new Evidence(disk.toRealPath(), 0x188, 16)), f.get(0)::toString);
    }

    @Test
    void registeredDiskWhoseFileIsGone() throws Exception {
        vbox(dir, "vm.vbox", UUID_A, "Snapshots/{" + UUID_A + "}.vdi"); // fault: the snapshot file was deleted
        List<Finding> f = run(dir);
        assertEquals(List.of(VirtualBoxCodes.REGISTRY_MEDIUM_MISSING), f.stream().map(Finding::code).toList());
    }

    @Test
    void locationsOutsideTheAllowedFoldersAreNotOpened() throws Exception {
        Path vm = Files.createDirectories(dir.resolve("vm"));
        vdi(dir, "outside.vdi"); // a real VDI with another UUID than the registry says, outside the VM folder
        vbox(vm, "vm.vbox", "99999999-0506-0708-090a-0b0c0d0e0f10", "../outside.vdi");
        assertEquals(List.of(), run(vm), "never followed out of the allowed folder");
    }

    @Test
    void doctypeMalformedAndOversizedVboxFilesAreNotRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOPSECRET");
        // fault: an external entity that would pull secret.txt into the location attribute
        Files.writeString(dir.resolve("xxe.vbox"), "<?xml version=\"1.0\"?>\n<!DOCTYPE v [<!ENTITY x SYSTEM \""
                + secret.toUri() + "\">]>\n<VirtualBox><HardDisk uuid=\"{" + UUID_A + "}\" location=\"&x;\" "
                + "format=\"VDI\"/></VirtualBox>\n");
        List<Finding> f = run(dir);
        assertEquals(List.of(VirtualBoxCodes.VBOX_UNREADABLE), f.stream().map(Finding::code).toList());
        assertFalse(f.get(0).message().contains("TOPSECRET"), f.get(0).message());
        Files.delete(dir.resolve("xxe.vbox"));
        Files.writeString(dir.resolve("cut.vbox"), "<VirtualBox><Machine"); // fault: cut short
        assertEquals(VirtualBoxCodes.VBOX_UNREADABLE, run(dir).get(0).code());
        Files.delete(dir.resolve("cut.vbox"));
        Files.write(dir.resolve("huge.vbox"), new byte[(int) VboxRegistryProbe.MAX_VBOX_BYTES + 1]); // fault: 4 MiB+1
        assertTrue(run(dir).get(0).message().contains("more than"));
    }

    @Test
    void folderWithoutVboxFileIsNotProbed() throws Exception {
        vdi(dir, "vm.vdi");
        assertFalse(new VboxRegistryProbe().appliesTo(dir));
    }

    @Test
    void aVdiCopiedWithCpSharesItsUuidAndVirtualBoxRefusesIt() throws Exception {
        Path a = vdi(dir, "disk.vdi");
        Path copy = Files.copy(a, dir.resolve("disk-copy.vdi")); // the fault: cp, not VBoxManage clonemedium
        Path other = dir.resolve("other.vdi"); // a real clone by qemu-img: a fresh UUID of its own
        VboxFixture.qemuImg(dir, "convert", "-O", "vdi", a.toString(), other.toString());
        List<Finding> f = run(dir);
        assertEquals(List.of(VirtualBoxCodes.MEDIA_DUPLICATE_UUID), f.stream().map(Finding::code).toList());
        String m = f.get(0).message();
        assertTrue(m.contains("2 disks carry the same UUID {" + UUID_A + "}: disk-copy.vdi, disk.vdi")
                && m.contains("sethduuid disk.vdi"), m);
        assertEquals(List.of(new Evidence(copy, 0x188, 16), new Evidence(a, 0x188, 16)), f.get(0).evidence());
        Files.delete(copy);
        assertEquals(List.of(), run(dir), "one disk per UUID: nothing to say, even without a .vbox");
    }
}
