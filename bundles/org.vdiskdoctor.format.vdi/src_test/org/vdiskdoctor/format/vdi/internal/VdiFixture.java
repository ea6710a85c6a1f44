// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.BackingReference;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.core.spi.ProbeHeader;

/**
 * Test images from the real {@code qemu-img}/{@code qemu-io}, little-endian byte surgery on them, and a run of the
 * driver outside OSGi that fills in the catalog's default severities the way the engine does.
 */
final class VdiFixture {

    static final String QEMU_IMG = "/usr/bin/qemu-img";
    static final String QEMU_IO = "/usr/bin/qemu-io";

    private static FindingCatalog catalog;

    private VdiFixture() {
    }

    /** Runs {@code cmd} in {@code dir}: exit code and output (stdout and stderr). */
    static Object[] exec(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
        return new Object[] { p.exitValue(), out };
    }

    /** Runs {@code qemu-img args…} in {@code dir}; fails the test when it does not exit 0. */
    static String qemuImg(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(QEMU_IMG);
        cmd.addAll(List.of(args));
        Object[] r = exec(dir, cmd);
        assertEquals(0, r[0], () -> cmd + " failed: " + r[1]);
        return (String) r[1];
    }

    /** Runs each {@code qemu-io} command (e.g. {@code write -P 0x11 0 4k}) on the VDI image. */
    static void qemuIo(Path image, String... commands) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(QEMU_IO, "-f", "vdi"));
        for (String c : commands) {
            cmd.add("-c");
            cmd.add(c);
        }
        cmd.add(image.toString());
        Object[] r = exec(image.getParent(), cmd);
        assertEquals(0, r[0], () -> cmd + " failed: " + r[1]);
        String out = (String) r[1];
        assertTrue(!out.contains("error") && !out.contains("failed") && !out.contains("Pattern verification"),
                () -> cmd + ": " + out);
    }

    /** {@code qemu-img create -f vdi [options…] name size} in {@code dir}. */
    static Path create(Path dir, String name, String size, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("create", "-q", "-f", "vdi"));
        args.addAll(List.of(options));
        args.add(name);
        args.add(size);
        qemuImg(dir, args.toArray(String[]::new));
        return dir.resolve(name);
    }

    /** A 5 MiB dynamic image with data in blocks 0 and 3 (data blocks 0 and 1). */
    static Path dynamic(Path dir, String name) throws Exception {
        Path f = create(dir, name, "5M");
        qemuIo(f, "write -q -P 0xab 0 64k", "write -q -P 0xcd 3M 4k");
        return f;
    }

    static void put(Path file, long offset, ByteBuffer bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) ch.write(bytes, offset + bytes.position());
        }
    }

    static void putInt(Path file, long offset, long value) throws IOException {
        put(file, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) value));
    }

    static void putLong(Path file, long offset, long value) throws IOException {
        put(file, offset, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value));
    }

    static void putBytes(Path file, long offset, byte[] b) throws IOException {
        put(file, offset, ByteBuffer.wrap(b));
    }

    static long getInt(Path file, long offset) throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            return Integer.toUnsignedLong(s.read(offset, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    /** The file offset of block map entry {@code block} (qemu-img puts the map at 0x200). */
    static long entry(Path file, long block) throws IOException {
        return getInt(file, VdiHeader.OFF_BLOCKS) + 4 * block;
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
            long virtualSize, boolean guestReader) {

        List<FindingCode> codes() {
            return findings.stream().map(Finding::code).toList();
        }

        boolean has(FindingCode code) {
            return findings.stream().anyMatch(f -> f.code().equals(code));
        }

        long count(FindingCode code) {
            return findings.stream().filter(f -> f.code().equals(code)).count();
        }

        Finding get(FindingCode code) {
            return findings.stream().filter(f -> f.code().equals(code)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + code + " in " + this));
        }

        @Override
        public String toString() {
            return findings.stream().map(f -> f.severity() + " " + f.code() + ": " + f.message())
                    .collect(Collectors.joining("\n  ", "findings:\n  ", ""));
        }
    }

    /** Scores, opens, checks and describes {@code file} with a new driver, as the engine would. */
    static Run run(Path file) throws IOException {
        VdiDriver driver = new VdiDriver();
        FindingCatalog cat = catalog();
        List<Finding> found = new ArrayList<>();
        try (ImageSource src = ImageSource.open(file)) {
            int score = driver.score(new ProbeHeader(file, src.size(), src.readUpTo(0, ProbeHeader.LENGTH)));
            try (OpenedImage img = driver.open(src, found::add, Monitor.NONE)) {
                img.check(found::add, Monitor.NONE);
                StructureNode structure = img.describe();
                List<Finding> withSeverity = new ArrayList<>();
                for (Finding f : found) {
                    assertTrue(cat.contains(f.code()), () -> f.code() + " is not declared in the catalog");
                    assertTrue(f.message().contains(file.toString()), () -> "message does not name the file: "
                            + f.message());
                    assertTrue(!f.evidence().isEmpty(), () -> "no evidence: " + f.message());
                    withSeverity.add(f.severity() != null ? f : f.withSeverity(cat.defaultSeverity(f.code())));
                }
                return new Run(score, withSeverity, structure, img.backing(), img.virtualSize(),
                        img instanceof org.vdiskdoctor.core.spi.GuestReader);
            }
        }
    }
}
