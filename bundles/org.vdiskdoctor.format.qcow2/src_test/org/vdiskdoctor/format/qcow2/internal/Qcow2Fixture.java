// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.BackingReference;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.core.spi.ProbeHeader;

/**
 * Test images from the real {@code qemu-img}, byte surgery on them, and a run of the driver outside OSGi that fills
 * in the catalog's default severities the way the engine does.
 */
final class Qcow2Fixture {

    static final String QEMU_IMG = "/usr/bin/qemu-img";

    private static FindingCatalog catalog;

    private Qcow2Fixture() {
    }

    /** Runs {@code qemu-img args…} in {@code dir}; fails the test when it does not exit 0. */
    static String qemuImg(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(QEMU_IMG);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "qemu-img timed out: " + cmd);
        assertEquals(0, p.exitValue(), () -> cmd + " failed: " + out);
        return out;
    }

    /** {@code qemu-img create -f qcow2 [options…] name 1M} in {@code dir}. */
    static Path create(Path dir, String name, String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("create", "-q", "-f", "qcow2"));
        args.addAll(List.of(options));
        args.add(name);
        args.add("1M");
        qemuImg(dir, args.toArray(String[]::new));
        return dir.resolve(name);
    }

    static void put(Path file, long offset, ByteBuffer bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) ch.write(bytes, offset + bytes.position());
        }
    }

    static void putByte(Path file, long offset, int value) throws IOException {
        put(file, offset, ByteBuffer.wrap(new byte[] { (byte) value }));
    }

    static void putInt(Path file, long offset, int value) throws IOException {
        put(file, offset, ByteBuffer.allocate(4).putInt(0, value));
    }

    static void putLong(Path file, long offset, long value) throws IOException {
        put(file, offset, ByteBuffer.allocate(8).putLong(0, value));
    }

    static int getInt(Path file, long offset) throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            return s.read(offset, 4).getInt();
        }
    }

    static long getLong(Path file, long offset) throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            return s.read(offset, 8).getLong();
        }
    }

    /** Sets {@code bits} in the big-endian u64 at {@code offset}. */
    static void orLong(Path file, long offset, long bits) throws IOException {
        putLong(file, offset, getLong(file, offset) | bits);
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    /** The offset of the first header extension of {@code type}, or -1. */
    static long findExtension(Path file, int type) throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            long at = Integer.toUnsignedLong(s.read(100, 4).getInt());
            while (at + 8 <= 65536) {
                ByteBuffer b = s.read(at, 8);
                int t = b.getInt();
                long len = Integer.toUnsignedLong(b.getInt());
                if (t == type) return at;
                if (t == 0) return -1;
                at += 8 + ((len + 7) & ~7L);
            }
            return -1;
        }
    }

    static synchronized FindingCatalog catalog() throws IOException {
        if (catalog == null) {
            FindingCatalog.Builder b = new FindingCatalog.Builder();
            try (InputStream in = Files.newInputStream(catalogFile())) {
                b.add(in, catalogFile().toString());
            }
            assertEquals(List.of(), b.problems(), "catalog problems");
            catalog = b.build();
        }
        return catalog;
    }

    static Path catalogFile() {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        return base.resolve(FindingCatalog.RESOURCE);
    }

    /** What one run of the driver produced. */
    record Run(int score, List<Finding> findings, StructureNode structure, Optional<BackingReference> backing,
            long virtualSize, String format) {

        List<FindingCode> codes() {
            return findings.stream().map(Finding::code).toList();
        }

        boolean has(FindingCode code) {
            return findings.stream().anyMatch(f -> f.code().equals(code));
        }

        Finding get(FindingCode code) {
            return findings.stream().filter(f -> f.code().equals(code)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + code + " in " + this));
        }

        /** Findings of {@code min} severity or worse. */
        List<Finding> atLeast(Severity min) {
            return findings.stream().filter(f -> f.severity().compareTo(min) >= 0).toList();
        }

        @Override
        public String toString() {
            return findings.stream().map(f -> f.severity() + " " + f.code() + ": " + f.message())
                    .collect(Collectors.joining("\n  ", "findings:\n  ", ""));
        }
    }

    /** Scores, opens, checks and describes {@code file} with a new driver, as the engine would. */
    static Run run(Path file) throws IOException {
        Qcow2Driver driver = new Qcow2Driver();
        FindingCatalog cat = catalog();
        List<Finding> found = new ArrayList<>();
        try (ImageSource src = ImageSource.open(file)) {
            int score = driver.score(new ProbeHeader(file, src.size(), src.readUpTo(0, ProbeHeader.LENGTH)));
            try (OpenedImage img = driver.open(src, f -> found.add(f), Monitor.NONE)) {
                img.check(f -> found.add(f), Monitor.NONE);
                StructureNode structure = img.describe();
                List<Finding> withSeverity = new ArrayList<>();
                for (Finding f : found) {
                    assertTrue(cat.contains(f.code()), () -> f.code() + " is not declared in the catalog");
                    assertTrue(f.message().contains(file.toString()), () -> "message does not name the file: "
                            + f.message());
                    assertTrue(!f.evidence().isEmpty(), () -> "no evidence: " + f.message());
                    withSeverity.add(f.severity() != null ? f : f.withSeverity(cat.defaultSeverity(f.code())));
                }
                return new Run(score, withSeverity, structure, img.backing(), img.virtualSize(), img.format());
            }
        }
    }
}
