// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.raw.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.DiagnosisResult;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.testing.Tools;

/**
 * Files no format claims that are plainly not disks: packed images (gzip, xz, zstd, bzip2, ZIP, tar, an OVA), text
 * (a web page from a failed download, an OVF descriptor, a .vmx) and ISO 9660 images, all made by the real tools,
 * each cross-checked against what {@code file(1)} says. Real disks made by mkfs/sfdisk/mkswap must stay disks.
 */
class RawContentTest {

    @TempDir
    Path tmp;

    /** A small FAT disk image: binary from byte 0 (jump, BPB), a realistic thing to pack. */
    private Path disk() throws Exception {
        Path d = tmp.resolve("disk.img");
        if (!Files.exists(d)) {
            Tools.run("truncate", "-s", "2M", d.toString());
            Tools.run("mkfs.fat", "-n", "PACKED", d.toString());
        }
        return d;
    }

    private static RawContent identify(Path f) throws IOException {
        try (ImageSource s = ImageSource.open(f)) {
            return RawContent.identify(s);
        }
    }

    private static String file(Path f) throws Exception {
        return Tools.run("file", "-b", f.toString()).toLowerCase(Locale.ROOT);
    }

    private SubjectResult diagnose(Path f) throws IOException {
        DiagnosisResult r = new DiagnosisEngine(List.of(new RawDriver()), List.of(), List.of(), RawFixtures.catalog())
                .diagnose(List.of(f), DiagnosisOptions.defaults().withDescribe(true), Monitor.NONE);
        return r.subjects().get(0);
    }

    private void assertArchive(Path f, String what, String fileSays) throws Exception {
        assertTrue(file(f).contains(fileSays), () -> f + ": file(1) says " + fileSafe(f));
        RawContent c = identify(f);
        assertEquals(RawCodes.CONTENT_ARCHIVE, c.code(), f::toString);
        assertTrue(c.what().contains(what), c::toString);
        SubjectResult r = diagnose(f);
        assertEquals(List.of(RawCodes.CONTENT_ARCHIVE), r.findings().stream().map(Finding::code).toList());
        assertEquals(Severity.ERROR, r.findings().get(0).severity());
        assertTrue(r.findings().get(0).message().contains(f.getFileName().toString()), r.findings()::toString);
        assertEquals("not a disk image", r.structure().name());
    }

    private static String fileSafe(Path f) {
        try {
            return file(f);
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void compressedImagesAreNamedWithTheCommandThatUnpacksThem() throws Exception {
        Path d = disk();
        Tools.run("gzip", "-k", d.toString());
        assertArchive(tmp.resolve("disk.img.gz"), "gzip", "gzip compressed data");
        Tools.run("xz", "-k", d.toString());
        assertArchive(tmp.resolve("disk.img.xz"), "xz", "xz compressed data");
        Tools.run("zstd", "-q", "-k", d.toString());
        assertArchive(tmp.resolve("disk.img.zst"), "zstd", "zstandard compressed data");
        Tools.run("bzip2", "-k", d.toString());
        assertArchive(tmp.resolve("disk.img.bz2"), "bzip2", "bzip2 compressed data");
        Tools.runIn(tmp, "zip", "-q", "disk.zip", "disk.img");
        assertArchive(tmp.resolve("disk.zip"), "ZIP", "zip archive");
        Tools.runIn(tmp, "tar", "cf", "disk.tar", "disk.img");
        assertArchive(tmp.resolve("disk.tar"), "tar archive (first member: disk.img)", "tar archive");
        assertTrue(diagnose(tmp.resolve("disk.img.gz")).findings().get(0).message().contains("gunzip -k disk.img.gz"));
    }

    @Test
    void anOvaIsAnApplianceToImportOrExtract() throws Exception {
        Path vmdk = tmp.resolve("appliance-disk1.vmdk");
        Tools.run("qemu-img", "convert", "-O", "vmdk", "-o", "subformat=streamOptimized", disk().toString(),
                vmdk.toString());
        Files.writeString(tmp.resolve("appliance.ovf"), "<?xml version=\"1.0\"?>\n<Envelope "
                + "xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\"><References><File ovf:href=\"appliance-disk1.vmdk\""
                + " ovf:id=\"file1\"/></References></Envelope>\n");
        Tools.runIn(tmp, "tar", "cf", "appliance.ova", "appliance.ovf", "appliance-disk1.vmdk");
        Path ova = tmp.resolve("appliance.ova");
        assertArchive(ova, "OVA appliance", "tar archive");
        assertTrue(identify(ova).advice().contains("VBoxManage import"), identify(ova)::toString);
        // the descriptor on its own is text that names the disks
        RawContent ovf = identify(tmp.resolve("appliance.ovf"));
        assertEquals(RawCodes.CONTENT_TEXT, ovf.code());
        assertTrue(ovf.what().startsWith("an OVF descriptor"), ovf::toString);
    }

    @Test
    void aWebPageSavedByAFailedDownloadIsText() throws Exception {
        Path page = tmp.resolve("ubuntu-24.04-server-cloudimg-amd64.img");
        Files.writeString(page, "\n<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n<body><h1>Not "
                + "Found</h1><p>The requested URL was not found on this server.</p></body></html>\n");
        assertTrue(file(page).contains("html"), () -> fileSafe(page));
        SubjectResult r = diagnose(page);
        assertEquals(List.of(RawCodes.CONTENT_TEXT), r.findings().stream().map(Finding::code).toList());
        String m = r.findings().get(0).message();
        assertTrue(m.contains("a web page (HTML), starting \"<!DOCTYPE html>\"") && m.contains("curl -L"), m);
        assertFalse(r.structure() == null);
    }

    @Test
    void aVmxGivenInsteadOfItsDiskIsText() throws Exception {
        Path vmx = tmp.resolve("vm.vmx");
        Files.writeString(vmx, ".encoding = \"UTF-8\"\nconfig.version = \"8\"\nvirtualHW.version = \"19\"\n"
                + "scsi0.present = \"TRUE\"\nscsi0:0.fileName = \"vm.vmdk\"\ndisplayName = \"vm\"\n");
        RawContent c = identify(vmx);
        assertEquals(RawCodes.CONTENT_TEXT, c.code());
        assertTrue(c.what().startsWith("a VMware configuration file"), c::toString);
    }

    @Test
    void anIsoIsAnOpticalDiscAndAHybridOneOnlyInfo() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cd"));
        Files.writeString(dir.resolve("README.TXT"), "install me\n");
        Path iso = tmp.resolve("install.iso");
        Tools.run("genisoimage", "-quiet", "-V", "INSTALL", "-o", iso.toString(), dir.toString());
        assertTrue(file(iso).contains("iso 9660"), () -> fileSafe(iso));
        SubjectResult r = diagnose(iso);
        assertEquals(List.of(RawCodes.CONTENT_OPTICAL), r.findings().stream().map(Finding::code).toList());
        assertEquals(Severity.WARNING, r.findings().get(0).severity());
        assertEquals(32768, r.findings().get(0).evidence().get(0).offset());
        try (ImageSource s = ImageSource.open(iso)) {
            assertTrue(new RawDriver().open(s, f -> { }, Monitor.NONE) instanceof GuestReader,
                    "an ISO is still read as a disk: hybrid ones hold partitions");
        }
        // byte surgery: 55 AA at bytes 510-511, as a hybrid ISO's MBR has (isohybrid, xorriso -isohybrid-mbr)
        try (FileChannel ch = FileChannel.open(iso, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] { 0x55, (byte) 0xAA }), 510);
        }
        SubjectResult hybrid = diagnose(iso);
        assertEquals(Severity.INFO, hybrid.findings().get(0).severity());
        assertTrue(hybrid.findings().get(0).message().contains("hybrid"), hybrid.findings()::toString);
    }

    @Test
    void realDisksStayDisks() throws Exception {
        Path fat = disk();
        Path ext4 = tmp.resolve("ext4.img");
        Tools.run("truncate", "-s", "8M", ext4.toString());
        Tools.run("mkfs.ext4", "-q", "-F", ext4.toString());
        Path swap = tmp.resolve("swap.img");
        Tools.run("truncate", "-s", "4M", swap.toString());
        Tools.run("mkswap", "-q", swap.toString());
        Path mbr = tmp.resolve("mbr.img");
        Tools.run("truncate", "-s", "8M", mbr.toString());
        Tools.runWithInput("label: dos\n,,L\n", "sfdisk", "-q", mbr.toString());
        Path blank = tmp.resolve("blank.img");
        Tools.run("truncate", "-s", "1M", blank.toString());
        Path qcow2 = tmp.resolve("d.qcow2"); // with no QCOW2 driver installed: binary, a "raw disk"
        Tools.run("qemu-img", "create", "-q", "-f", "qcow2", qcow2.toString(), "1M");
        for (Path p : List.of(fat, ext4, swap, mbr, blank, qcow2)) {
            assertTrue(identify(p).disk(), () -> p + " is " + identifySafe(p));
            SubjectResult r = diagnose(p);
            assertTrue(r.findings().stream().noneMatch(f -> f.code().value().startsWith("raw.content.")),
                    r.findings()::toString);
            assertEquals("raw image", r.structure().name(), p::toString);
        }
    }

    private static String identifySafe(Path p) {
        try {
            return identify(p).toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void shortAndHostileHeadsAreBounded() {
        assertTrue(RawContent.identify(new byte[0]).disk());
        assertTrue(RawContent.identify(new byte[] { 0x1F }).disk(), "one byte of a gzip magic is not gzip");
        assertEquals(RawCodes.CONTENT_ARCHIVE, RawContent.identify(new byte[] { 0x1F, (byte) 0x8B }).code());
        byte[] tar = new byte[512];
        System.arraycopy("ustar".getBytes(), 0, tar, 257, 5);
        for (int i = 0; i < 100; i++) tar[i] = (byte) (i % 2 == 0 ? 0x07 : 'x'); // no NUL: name runs to 100 bytes
        RawContent c = RawContent.identify(tar);
        assertEquals(RawCodes.CONTENT_ARCHIVE, c.code());
        assertTrue(c.what().length() < 200 && !c.what().contains("\u0007"), c::toString);
        byte[] sevenZip = { '7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4 };
        assertEquals(RawCodes.CONTENT_ARCHIVE, RawContent.identify(sevenZip).code());
        byte[] controls = new byte[600];
        java.util.Arrays.fill(controls, (byte) 0x01);
        assertTrue(RawContent.identify(controls).disk(), "control bytes are not text");
        assertNull(RawContent.DISK.code());
    }
}
