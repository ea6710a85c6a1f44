// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.mbr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.format.raw.internal.RawImage;

/**
 * Images partitioned by the real sgdisk and sfdisk, documented byte surgery on them, and a run of the probe outside
 * OSGi that fills in the catalog's default severities as the engine does.
 */
final class MbrFixture {

    static final int SECTOR = 512;

    private static FindingCatalog catalog;

    private MbrFixture() {
    }

    static Path repo() {
        String r = System.getProperty("vdiskdoctor.repo");
        if (r == null) throw new IllegalStateException("system property vdiskdoctor.repo is not set (see pom.xml)");
        return Path.of(r);
    }

    /** Core, raw and MBR catalog parts, as the engine sees them in OSGi. */
    static synchronized FindingCatalog catalog() throws IOException {
        if (catalog == null) {
            FindingCatalog.Builder b = new FindingCatalog.Builder();
            for (String bundle : List.of("org.vdiskdoctor.core", "org.vdiskdoctor.format.raw",
                    "org.vdiskdoctor.layout.mbr")) {
                try (InputStream in = java.nio.file.Files.newInputStream(repo().resolve("bundles").resolve(bundle)
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

    /** Runs a command that must succeed. */
    static String run(String... command) throws IOException, InterruptedException {
        Run r = exec(command);
        assertEquals(0, r.exit(), () -> String.join(" ", command) + " failed: " + r.out());
        return r.out();
    }

    /**
     * A 64 MiB raw disk (truncate) with a DOS table by sfdisk: 1 Linux 20 MiB at LBA 2048, 2 Linux 10 MiB at 43008,
     * 3 extended 63488..131071 holding EBRs at 63488, 81920 and 100352 for logical 5 (Linux 8 MiB at 65536), 6 (swap
     * 8 MiB at 83968) and 7 (Linux 4 MiB at 102400).
     */
    static Path healthy(Path dir, String name) throws IOException, InterruptedException {
        Path f = dir.resolve(name);
        run("truncate", "-s", "64M", f.toString());
        sfdisk(f, "label: dos\n,20M,L\n,10M,L\n,,E\n,8M,L\n,8M,S\n,4M,L\n");
        return f;
    }

    /** Feeds {@code script} to {@code sfdisk -q disk}. */
    static void sfdisk(Path disk, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sfdisk", "-q", disk.toString()).redirectErrorStream(true).start();
        try (var out = p.getOutputStream()) {
            out.write(script.getBytes(StandardCharsets.UTF_8));
        }
        String text;
        try (InputStream in = p.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(0, p.waitFor(), () -> "sfdisk failed: " + text);
    }

    /** Byte offset of entry {@code slot} (1..4) of the table in the sector at {@code lba}. */
    static long entry(long lba, int slot) {
        return lba * SECTOR + 446 + 16L * (slot - 1);
    }

    /** Writes one MBR/EBR entry: status, type, LBA start and count (CHS left zero). */
    static void putEntry(Path file, long lba, int slot, int status, int type, long start, long count)
            throws IOException {
        ByteBuffer e = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        e.put(0, (byte) status).put(4, (byte) type).putInt(8, (int) start).putInt(12, (int) count);
        write(file, entry(lba, slot), e.array());
    }

    /** The probe's findings on a raw image, with default severities filled in. */
    static List<Finding> probe(Path file) throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            return probe(new RawImage(s));
        }
    }

    static List<Finding> probe(OpenedImage image) throws IOException {
        List<Finding> found = new ArrayList<>();
        FindingSink sink = f -> found.add(f.severity() != null ? f : f.withSeverity(severity(f.code())));
        MbrProbe p = new MbrProbe();
        if (p.appliesTo(image)) p.run(image, sink, Monitor.NONE);
        return found;
    }

    private static Severity severity(FindingCode code) {
        try {
            return catalog().defaultSeverity(code);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static StructureNode describe(Path file) throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            return MbrLayout.read(new RawImage(s), Monitor.NONE).describe();
        }
    }

    static List<FindingCode> codes(List<Finding> found) {
        return found.stream().map(Finding::code).toList();
    }

    /** Errors and warnings only. */
    static List<Finding> problems(List<Finding> found) {
        return found.stream().filter(f -> f.severity() != Severity.INFO).toList();
    }

    /** A guest view over a raw file that says it is another format: guest offsets are then not file offsets. */
    record ForeignView(ImageSource source) implements OpenedImage, GuestReader {
        public String format() {
            return "vmdk";
        }

        public long virtualSize() {
            return source.size();
        }

        public void check(FindingSink sink, Monitor monitor) {
        }

        public StructureNode describe() {
            return StructureNode.node("vmdk").build();
        }

        public long guestSize() {
            return source.size();
        }

        public void readGuest(long off, ByteBuffer dst) throws IOException {
            source.readFully(off, dst);
        }
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

    static void putInt(Path file, long offset, int value) throws IOException {
        write(file, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    static void putLong(Path file, long offset, long value) throws IOException {
        write(file, offset, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    static void zeroSectors(Path file, long lba, int count) throws IOException {
        write(file, lba * SECTOR, new byte[count * SECTOR]);
    }
}
