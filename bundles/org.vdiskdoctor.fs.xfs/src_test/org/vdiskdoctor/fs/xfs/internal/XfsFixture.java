// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs.internal;

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

/**
 * Filesystems from the real mkfs.xfs (300 MiB sparse files, 4 AGs of 19200 4-KiB blocks, internal log in AG 2),
 * disks partitioned by sgdisk and sfdisk holding them, documented byte surgery, xfs_repair -n, and the engine with the
 * raw and QCOW2 drivers and the GPT and MBR locators.
 */
final class XfsFixture {

    static final long FS_BYTES = 300L << 20;
    /** mkfs.xfs 6.1 on 300 MiB: 4 AGs of 19200 blocks of 4096 bytes. */
    static final long AG_BYTES = 19200L * 4096;

    private static FindingCatalog catalog;

    private XfsFixture() {
    }

    static Path repo() {
        String r = System.getProperty("vdiskdoctor.repo");
        if (r == null) throw new IllegalStateException("system property vdiskdoctor.repo is not set (see pom.xml)");
        return Path.of(r);
    }

    /** Every catalog the engine sees here, as in OSGi. */
    static synchronized FindingCatalog catalog() throws IOException {
        if (catalog == null) {
            FindingCatalog.Builder b = new FindingCatalog.Builder();
            for (String bundle : List.of("org.vdiskdoctor.core", "org.vdiskdoctor.format.raw",
                    "org.vdiskdoctor.format.qcow2", "org.vdiskdoctor.layout.gpt", "org.vdiskdoctor.layout.mbr",
                    "org.vdiskdoctor.fs.xfs")) {
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

    /** A fresh 300 MiB XFS (sparse) labelled "vdd" made by mkfs.xfs -f. */
    static Path filesystem(Path dir, String name) throws IOException, InterruptedException {
        Path f = dir.resolve(name);
        run("truncate", "-s", Long.toString(FS_BYTES), f.toString());
        run("mkfs.xfs", "-q", "-f", "-L", "vdd", f.toString());
        return f;
    }

    /** A 320 MiB disk with one partition at 1 MiB ({@code gpt} by sgdisk, else MBR by sfdisk) holding {@code fs}. */
    static Path partitioned(Path dir, String name, boolean gpt, Path fs) throws IOException, InterruptedException {
        Path d = dir.resolve(name);
        run("truncate", "-s", "320M", d.toString());
        if (gpt) {
            run("sgdisk", "-n1:2048:+" + (FS_BYTES >> 20) + "M", "-t1:8300", "-c1:data", d.toString());
        } else {
            run("sh", "-c", "echo 'start=2048, size=" + FS_BYTES / 512 + ", type=83' | sfdisk -q " + d);
        }
        run("dd", "if=" + fs, "of=" + d, "bs=1M", "seek=1", "conv=notrunc,sparse", "status=none");
        return d;
    }

    static Path qcow2(Path raw) throws IOException, InterruptedException {
        Path q = raw.resolveSibling(raw.getFileName() + ".qcow2");
        run("qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw.toString(), q.toString());
        return q;
    }

    static SubjectResult diagnose(Path image) throws IOException {
        return diagnose(image, DeepCheck.OFF, new XfsProbe());
    }

    /** The same with deep checks as {@code deep} says, by {@code probe} (whose xfs_repair may be a stand-in). */
    static SubjectResult diagnose(Path image, DeepCheck deep, XfsProbe probe) throws IOException {
        List<FormatDriver> drivers = List.of(component(FormatDriver.class, "format.raw.internal.RawDriver"),
                component(FormatDriver.class, "format.qcow2.internal.Qcow2Driver"));
        List<VolumeLocator> locators = List.of(component(VolumeLocator.class, "layout.gpt.internal.GptVolumeLocator"),
                component(VolumeLocator.class, "layout.mbr.internal.MbrVolumeLocator"));
        return new DiagnosisEngine(drivers, List.of(), List.of(), catalog())
                .withVolumes(locators, List.of(probe))
                .diagnoseImage(image, DiagnosisOptions.defaults().withDeepCheck(deep), Monitor.NONE);
    }

    /**
     * A DS component of another bundle, made as OSGi would: by class name. Those bundles do not export their
     * implementation packages, and this bundle must not depend on them outside its tests (build.properties).
     */
    static <T> T component(Class<T> service, String className) {
        try {
            return service.cast(Class.forName("org.vdiskdoctor." + className).getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("test classpath lacks " + className, e);
        }
    }

    static List<FindingCode> codes(SubjectResult r) {
        return r.findings().stream().map(Finding::code).toList();
    }

    /** Errors and warnings. */
    static List<Finding> problems(SubjectResult r) {
        return r.findings().stream().filter(f -> f.severity() != Severity.INFO).toList();
    }

    /** xfs_repair -n -f on a file holding the filesystem: its text (exit codes are not trusted alone). */
    static Run repairDryRun(Path fs) throws IOException, InterruptedException {
        return exec("xfs_repair", "-n", "-f", fs.toString());
    }

    // ---- byte surgery (big-endian, as XFS stores its fields; CRCs are little-endian CRC-32C) -----------------

    static ByteBuffer read(Path file, long offset, int length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(length);
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

    static void putByte(Path file, long offset, int value) throws IOException {
        write(file, offset, new byte[] { (byte) value });
    }

    static void putInt(Path file, long offset, int value) throws IOException {
        write(file, offset, ByteBuffer.allocate(4).putInt(value).array());
    }

    static void putLong(Path file, long offset, long value) throws IOException {
        write(file, offset, ByteBuffer.allocate(8).putLong(value).array());
    }

    static int getInt(Path file, long offset) throws IOException {
        return read(file, offset, 4).getInt();
    }

    /** Recomputes the CRC-32C (stored little-endian at {@code crcAt}) of the {@code size}-byte structure. */
    static void fixCrc(Path file, long offset, int size, int crcAt) throws IOException {
        byte[] b = new byte[size];
        read(file, offset, size).get(b);
        int crc = Superblock.crcOf(b, size, crcAt);
        write(file, offset + crcAt, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(crc).array());
    }

    /** Recomputes the 512-byte primary superblock's CRC after an edit. */
    static void fixPrimaryCrc(Path fs) throws IOException {
        fixCrc(fs, 0, 512, Superblock.CRC_OFFSET);
    }
}
