// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.VolumeLocator;
import org.vdiskdoctor.format.raw.internal.RawDriver;

/**
 * Filesystems made by the real mkfs.ext4 (in a file of their own, then copied into GPT or MBR disks made by sgdisk
 * and sfdisk), documented byte surgery on them, the engine with the raw and QCOW2 drivers and both partition-table
 * locators, and e2fsck / dumpe2fs runs whose text the tests compare with our verdicts.
 */
final class Ext4Fixture {

    static final String UUID = "0b5e2a3c-1111-4222-8333-444455556666";
    static final int SB = Superblock.PRIMARY_OFFSET;

    private static FindingCatalog catalog;

    private Ext4Fixture() {
    }

    static Path repo() {
        String r = System.getProperty("vdiskdoctor.repo");
        if (r == null) throw new IllegalStateException("system property vdiskdoctor.repo is not set (see pom.xml)");
        return Path.of(r);
    }

    static synchronized FindingCatalog catalog() throws IOException {
        if (catalog == null) {
            FindingCatalog.Builder b = new FindingCatalog.Builder();
            for (String bundle : List.of("org.vdiskdoctor.core", "org.vdiskdoctor.format.raw",
                    "org.vdiskdoctor.format.qcow2", "org.vdiskdoctor.layout.gpt", "org.vdiskdoctor.layout.mbr",
                    "org.vdiskdoctor.fs.ext4")) {
                try (InputStream in = Files.newInputStream(repo().resolve("bundles").resolve(bundle)
                        .resolve(FindingCatalog.RESOURCE))) {
                    b.add(in, bundle);
                }
            }
            if (!b.problems().isEmpty()) throw new IllegalStateException(b.problems().toString());
            catalog = b.build();
        }
        return catalog;
    }

    /** The result of a command: exit code and merged stdout + stderr. */
    record Run(int exit, String out) {
    }

    static Run exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        return new Run(p.exitValue(), out);
    }

    static String run(String... command) throws IOException, InterruptedException {
        Run r = exec(command);
        assertEquals(0, r.exit(), () -> String.join(" ", command) + " failed: " + r.out());
        return r.out();
    }

    /**
     * A filesystem by mkfs.ext4 in a file of {@code mib} MiB with {@code blockSize}-byte blocks, label "root" and a
     * fixed UUID; {@code options} go to mkfs (-O, -t ext2 ...). 64 MiB with 1 KiB blocks: 8 groups of 8192 blocks,
     * backups at blocks 8193, 24577, 40961, 57345.
     */
    static Path mkfs(Path dir, String name, int mib, int blockSize, String... options)
            throws IOException, InterruptedException {
        Path f = dir.resolve(name);
        run("truncate", "-s", mib + "M", f.toString());
        List<String> cmd = new java.util.ArrayList<>(List.of("mkfs.ext4", "-F", "-q", "-b",
                Integer.toString(blockSize), "-L", "root", "-U", UUID));
        cmd.addAll(List.of(options));
        cmd.add(f.toString());
        run(cmd.toArray(String[]::new));
        return f;
    }

    /** The usual test filesystem: 64 MiB, 1 KiB blocks, ext4 defaults (metadata_csum, 64bit, flex_bg). */
    static Path small(Path dir) throws IOException, InterruptedException {
        return mkfs(dir, "fs.img", 64, 1024);
    }

    /** A GPT disk (sgdisk) with one partition at 1 MiB holding {@code fs}, copied in with dd. */
    static Path gptDisk(Path dir, Path fs) throws IOException, InterruptedException {
        Path d = dir.resolve("gpt-disk.img");
        long mib = Files.size(fs) >> 20;
        run("truncate", "-s", (mib + 2) + "M", d.toString());
        run("sgdisk", "-n1:2048:+" + mib + "M", "-t1:8300", "-c1:root", d.toString());
        copyInto(fs, d, 1 << 20);
        return d;
    }

    /** An MBR disk (sfdisk) with one Linux partition at 2 MiB holding {@code fs}. */
    static Path mbrDisk(Path dir, Path fs) throws IOException, InterruptedException {
        Path d = dir.resolve("mbr-disk.img");
        long mib = Files.size(fs) >> 20;
        run("truncate", "-s", (mib + 3) + "M", d.toString());
        run("sh", "-c", "echo 'start=4096, size=" + (mib << 11) + ", type=83' | sfdisk -q " + d);
        copyInto(fs, d, 2 << 20);
        return d;
    }

    static void copyInto(Path fs, Path disk, long offset) throws IOException, InterruptedException {
        run("dd", "if=" + fs, "of=" + disk, "bs=1M", "seek=" + (offset >> 20), "conv=notrunc,sparse", "status=none");
    }

    static Path qcow2(Path raw) throws IOException, InterruptedException {
        Path q = raw.resolveSibling(raw.getFileName() + ".qcow2");
        run("qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw.toString(), q.toString());
        return q;
    }

    /** The engine as the product builds it: raw and QCOW2, GPT and MBR locators, the ext4 probe. */
    static SubjectResult diagnose(Path image) throws Exception {
        return diagnose(image, DeepCheck.OFF, new Ext4Probe());
    }

    /** The same with deep checks as {@code deep} says, by {@code probe} (whose e2fsck may be a stand-in). */
    static SubjectResult diagnose(Path image, DeepCheck deep, Ext4Probe probe) throws Exception {
        FormatDriver qcow2 = (FormatDriver) instance("org.vdiskdoctor.format.qcow2.internal.Qcow2Driver");
        VolumeLocator gpt = (VolumeLocator) instance("org.vdiskdoctor.layout.gpt.internal.GptVolumeLocator");
        VolumeLocator mbr = (VolumeLocator) instance("org.vdiskdoctor.layout.mbr.internal.MbrVolumeLocator");
        return new DiagnosisEngine(List.of(new RawDriver(), qcow2), List.of(), List.of(), catalog())
                .withVolumes(List.of(gpt, mbr), List.of(probe))
                .diagnoseImage(image, DiagnosisOptions.defaults().withDeepCheck(deep), Monitor.NONE);
    }

    /** Classes of bundles whose internal packages are not exported: loaded by name, as OSGi DS would. */
    private static Object instance(String className) throws ReflectiveOperationException {
        return Class.forName(className).getDeclaredConstructor().newInstance();
    }

    static List<Finding> of(SubjectResult r, FindingCode code) {
        return r.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    /** Errors and warnings. */
    static List<FindingCode> problems(SubjectResult r) {
        return r.findings().stream().filter(f -> f.severity() != Severity.INFO).map(Finding::code).toList();
    }

    // ---- byte surgery -------------------------------------------------------------------------------------------

    static ByteBuffer read(Path file, long offset, int length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining() && ch.read(b, offset + b.position()) >= 0) {
                // read on
            }
            return b.flip();
        }
    }

    static void write(Path file, long offset, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b, offset + b.position());
        }
    }

    static void putShort(Path file, long offset, int value) throws IOException {
        write(file, offset, ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array());
    }

    static void putInt(Path file, long offset, int value) throws IOException {
        write(file, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    static int getInt(Path file, long offset) throws IOException {
        return read(file, offset, 4).getInt(0);
    }

    /** Recomputes s_checksum of the superblock at {@code offset} (metadata_csum: crc32c ~0 over 0..0x3FB). */
    static void fixSuperblockChecksum(Path file, long offset) throws IOException {
        byte[] sb = new byte[Superblock.SIZE];
        read(file, offset, Superblock.SIZE).get(sb);
        putInt(file, offset + Superblock.CHECKSUM_OFFSET, Crc.crc32c(0xFFFFFFFF, sb, 0, Superblock.CHECKSUM_OFFSET));
    }

    /** Sets a 32-bit field of the primary superblock and makes its checksum right again. */
    static void setPrimaryInt(Path file, int field, int value) throws IOException {
        putInt(file, SB + field, value);
        fixSuperblockChecksum(file, SB);
    }

    static void setPrimaryShort(Path file, int field, int value) throws IOException {
        putShort(file, SB + field, value);
        fixSuperblockChecksum(file, SB);
    }
}
