// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.fat.internal;

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
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.VolumeLocator;
import org.vdiskdoctor.format.raw.internal.RawDriver;

/**
 * FAT filesystems made by the real mkfs.fat, alone in a file or put into a disk partitioned by sgdisk (GPT) or sfdisk
 * (MBR), QCOW2 copies by qemu-img, byte surgery, and the engine with the raw and QCOW2 drivers, both partition
 * locators and the FAT probe.
 */
final class FatFixture {

    /** Where the partition starts in the partitioned disks: sector 2048, guest byte 1 MiB. */
    static final long PARTITION_START = 1L << 20;

    private static FindingCatalog catalog;

    private FatFixture() {
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
                    "org.vdiskdoctor.fs.fat")) {
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

    record Run(int exit, String out) {
    }

    static Run exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
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
     * A FAT filesystem alone in a file of {@code mib} MiB by mkfs.fat, label TESTFAT, serial 1234-5678. FAT32 of
     * 40 MiB: 512-byte sectors, 1 per cluster, 32 reserved, 2 FATs of 630 sectors, FSInfo 1, backup boot 6.
     */
    static Path fatFile(Path dir, String name, int bits, int mib, String... extra) throws Exception {
        Path f = dir.resolve(name);
        run("truncate", "-s", mib + "M", f.toString());
        List<String> cmd = new java.util.ArrayList<>(List.of("mkfs.fat", "-F", Integer.toString(bits), "-n",
                "TESTFAT", "-i", "12345678"));
        cmd.addAll(List.of(extra));
        cmd.add(f.toString());
        run(cmd.toArray(String[]::new));
        return f;
    }

    static Path fat32(Path dir, String name) throws Exception {
        return fatFile(dir, name, 32, 40);
    }

    /** A 64 MiB disk with one partition at sector 2048 by sgdisk ("gpt") or sfdisk ("mbr"), holding {@code fs}. */
    static Path partitioned(Path dir, String name, String scheme, Path fs) throws Exception {
        Path disk = dir.resolve(name);
        run("truncate", "-s", "64M", disk.toString());
        long sectors = Files.size(fs) / 512;
        if (scheme.equals("gpt")) {
            run("sgdisk", "-n1:2048:+" + sectors, "-t1:0700", disk.toString());
        } else {
            Process p = new ProcessBuilder("sfdisk", "-q", disk.toString()).redirectErrorStream(true).start();
            try (var out = p.getOutputStream()) {
                out.write(("label: dos\nstart=2048, size=" + sectors + ", type=c\n").getBytes(StandardCharsets.UTF_8));
            }
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), text);
        }
        run("dd", "if=" + fs, "of=" + disk, "bs=512", "seek=2048", "conv=notrunc,sparse", "status=none");
        return disk;
    }

    static Path qcow2(Path raw) throws Exception {
        Path q = raw.resolveSibling(raw.getFileName() + ".qcow2");
        run("qemu-img", "convert", "-O", "qcow2", raw.toString(), q.toString());
        return q;
    }

    static DiagnosisEngine engine() throws IOException {
        return engine(new FatProbe());
    }

    static DiagnosisEngine engine(FatProbe probe) throws IOException {
        return new DiagnosisEngine(List.of(new RawDriver(), create(FormatDriver.class,
                "org.vdiskdoctor.format.qcow2.internal.Qcow2Driver")), List.of(), List.of(), catalog())
                .withVolumes(List.of(create(VolumeLocator.class, "org.vdiskdoctor.layout.gpt.internal.GptVolumeLocator"),
                        create(VolumeLocator.class, "org.vdiskdoctor.layout.mbr.internal.MbrVolumeLocator")),
                        List.of(probe));
    }

    /**
     * The QCOW2 driver and the GPT and MBR locators live in packages their bundles do not export (the product gets
     * them as DS services), so the compiler's access rules forbid naming them; the test class path has them.
     */
    static <T> T create(Class<T> type, String className) {
        try {
            return type.cast(Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className + " is not on the test class path", e);
        }
    }

    static SubjectResult diagnose(Path image) throws IOException {
        return engine().diagnoseImage(image, DiagnosisOptions.defaults(), Monitor.NONE);
    }

    /** Diagnosis with deep checks on, copies in {@code deep}'s folder. */
    static SubjectResult diagnose(Path image, DeepCheck deep) throws IOException {
        return diagnose(image, deep, new FatProbe());
    }

    static SubjectResult diagnose(Path image, DeepCheck deep, FatProbe probe) throws IOException {
        return engine(probe).diagnoseImage(image, DiagnosisOptions.defaults().withDeepCheck(deep), Monitor.NONE);
    }

    static List<FindingCode> codes(SubjectResult r) {
        return r.findings().stream().map(Finding::code).toList();
    }

    /** Findings that are not info. */
    static List<Finding> problems(SubjectResult r) {
        return r.findings().stream().filter(f -> f.severity() != Severity.INFO).toList();
    }

    static Finding only(SubjectResult r, FindingCode code) {
        List<Finding> f = r.findings().stream().filter(x -> x.code().equals(code)).toList();
        assertEquals(1, f.size(), () -> code + " once in " + r.findings());
        return f.get(0);
    }

    /** fsck.fat -n on the filesystem file: its text (it never writes with -n). */
    static String fsck(Path fs) throws Exception {
        return exec("fsck.fat", "-n", fs.toString()).out();
    }

    // ---- byte surgery -------------------------------------------------------------------------------------------

    static void write(Path file, long offset, byte... bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b, offset + b.position());
        }
    }

    static ByteBuffer read(Path file, long offset, int length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining() && ch.read(b, offset + b.position()) >= 0) {
                // read on
            }
            return b.flip();
        }
    }

    static void putShort(Path file, long offset, int value) throws IOException {
        write(file, offset, ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array());
    }

    static void putInt(Path file, long offset, long value) throws IOException {
        write(file, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array());
    }
}
