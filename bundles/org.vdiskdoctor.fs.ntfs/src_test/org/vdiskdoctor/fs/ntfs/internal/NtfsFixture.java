// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

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
 * NTFS filesystems made by the real mkntfs, alone in a file or put into a disk partitioned by sgdisk (GPT) or sfdisk
 * (MBR), QCOW2 copies by qemu-img, byte surgery, and the engine with the raw and QCOW2 drivers, both partition
 * locators and the NTFS probe.
 */
final class NtfsFixture {

    /** Where the partition starts in the partitioned disks: sector 2048, guest byte 1 MiB. */
    static final long PARTITION_START = 1L << 20;

    private static FindingCatalog catalog;

    private NtfsFixture() {
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
                    "org.vdiskdoctor.fs.ntfs")) {
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
     * An NTFS alone in a file of {@code mib} MiB by mkntfs (quick, 512-byte sectors, 4 KiB clusters, 1 KiB MFT
     * records, hidden sectors 2048 as in the partitioned disks), label TESTNTFS. 40 MiB: 81919 counted sectors, the
     * backup boot sector in the last sector (81919), $MFT at cluster 4 (byte 16384), $MFTMirr at cluster 5119.
     */
    static Path ntfsFile(Path dir, String name, int mib) throws Exception {
        Path f = dir.resolve(name);
        run("truncate", "-s", mib + "M", f.toString());
        run("mkntfs", "-F", "-Q", "-q", "-s", "512", "-p", "2048", "-L", "TESTNTFS", f.toString());
        return f;
    }

    static Path ntfs(Path dir, String name) throws Exception {
        return ntfsFile(dir, name, 40);
    }

    /** A 64 MiB disk with one partition at sector 2048 by sgdisk ("gpt") or sfdisk ("mbr"), holding {@code fs}. */
    static Path partitioned(Path dir, String name, String scheme, Path fs) throws Exception {
        return partitioned(dir, name, scheme, fs, 64L << 20);
    }

    /** The same on a disk of {@code bytes}. */
    static Path partitioned(Path dir, String name, String scheme, Path fs, long bytes) throws Exception {
        Path disk = dir.resolve(name);
        run("truncate", "-s", Long.toString(bytes), disk.toString());
        long sectors = Files.size(fs) / 512;
        if (scheme.equals("gpt")) {
            run("sgdisk", "-n1:2048:+" + sectors, "-t1:0700", disk.toString());
        } else {
            Process p = new ProcessBuilder("sfdisk", "-q", disk.toString()).redirectErrorStream(true).start();
            try (var out = p.getOutputStream()) {
                out.write(("label: dos\nstart=2048, size=" + sectors + ", type=7\n").getBytes(StandardCharsets.UTF_8));
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
        return engine(new NtfsProbe());
    }

    static DiagnosisEngine engine(NtfsProbe probe) throws IOException {
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
        return diagnose(image, deep, new NtfsProbe());
    }

    static SubjectResult diagnose(Path image, DeepCheck deep, NtfsProbe probe) throws IOException {
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

    /** ntfsfix -n on the filesystem file: its text (it never writes with -n). */
    static String ntfsfix(Path fs) throws Exception {
        return exec("ntfsfix", "-n", fs.toString()).out();
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
