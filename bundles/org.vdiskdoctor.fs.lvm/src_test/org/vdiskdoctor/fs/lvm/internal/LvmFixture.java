// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.lvm.internal;

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
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.VolumeLocator;
import org.vdiskdoctor.format.raw.internal.RawDriver;

/**
 * LVM physical volumes written by {@link PvWriter} from the on-disk spec (pvcreate needs a block device, which this
 * machine has not), copied into GPT disks made by sgdisk; the engine with the raw and QCOW2 drivers and both
 * locators, and blkid's independent view of the same bytes.
 */
final class LvmFixture {

    private static FindingCatalog catalog;

    private LvmFixture() {
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
                    "org.vdiskdoctor.fs.lvm")) {
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

    /** A GPT disk with one partition of {@code type} (sgdisk code, 8e00 Linux LVM) at 1 MiB holding {@code area}. */
    static Path gptDisk(Path dir, Path area, String type) throws IOException, InterruptedException {
        Path d = dir.resolve("gpt-disk.img");
        long mib = Files.size(area) >> 20;
        run("truncate", "-s", (mib + 2) + "M", d.toString());
        run("sgdisk", "-n1:2048:+" + mib + "M", "-t1:" + type, d.toString());
        run("dd", "if=" + area, "of=" + d, "bs=1M", "seek=1", "conv=notrunc,sparse", "status=none");
        return d;
    }

    static Path qcow2(Path raw) throws IOException, InterruptedException {
        Path q = raw.resolveSibling(raw.getFileName() + ".qcow2");
        run("qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw.toString(), q.toString());
        return q;
    }

    static SubjectResult diagnose(Path image) throws Exception {
        FormatDriver qcow2 = (FormatDriver) instance("org.vdiskdoctor.format.qcow2.internal.Qcow2Driver");
        VolumeLocator gpt = (VolumeLocator) instance("org.vdiskdoctor.layout.gpt.internal.GptVolumeLocator");
        VolumeLocator mbr = (VolumeLocator) instance("org.vdiskdoctor.layout.mbr.internal.MbrVolumeLocator");
        return new DiagnosisEngine(List.of(new RawDriver(), qcow2), List.of(), List.of(), catalog())
                .withVolumes(List.of(gpt, mbr), List.of(new LvmProbe()))
                .diagnoseImage(image, DiagnosisOptions.defaults(), Monitor.NONE);
    }

    /** Classes of bundles whose internal packages are not exported: loaded by name, as OSGi DS would. */
    private static Object instance(String className) throws ReflectiveOperationException {
        return Class.forName(className).getDeclaredConstructor().newInstance();
    }

    static List<Finding> of(SubjectResult r, FindingCode code) {
        return r.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    static List<FindingCode> problems(SubjectResult r) {
        return r.findings().stream().filter(f -> f.severity() != Severity.INFO).map(Finding::code).toList();
    }

    static void write(Path file, long offset, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b, offset + b.position());
        }
    }

    static void putInt(Path file, long offset, int value) throws IOException {
        write(file, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }
}
