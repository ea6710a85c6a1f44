// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

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
import java.util.zip.CRC32;

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
final class GptFixture {

    static final int SECTOR = 512;

    private static FindingCatalog catalog;

    private GptFixture() {
    }

    static Path repo() {
        String r = System.getProperty("vdiskdoctor.repo");
        if (r == null) throw new IllegalStateException("system property vdiskdoctor.repo is not set (see pom.xml)");
        return Path.of(r);
    }

    /** Core, raw and GPT catalog parts, as the engine sees them in OSGi. */
    static synchronized FindingCatalog catalog() throws IOException {
        if (catalog == null) {
            FindingCatalog.Builder b = new FindingCatalog.Builder();
            for (String bundle : List.of("org.vdiskdoctor.core", "org.vdiskdoctor.format.raw",
                    "org.vdiskdoctor.layout.gpt")) {
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
     * A 64 MiB raw disk (truncate) with a GPT by sgdisk: 1 EFI system partition of 20 MiB at 1 MiB, 2 Linux of 10 MiB,
     * 3 swap of 20 MiB. 131072 sectors: backup header at LBA 131071, backup array at 131039.
     */
    static Path healthy(Path dir, String name) throws IOException, InterruptedException {
        Path f = dir.resolve(name);
        run("truncate", "-s", "64M", f.toString());
        run("sgdisk", "-n1:2048:+20M", "-t1:ef00", "-c1:EFI system", "-n2:0:+10M", "-t2:8300", "-c2:root",
                "-n3:0:+20M", "-t3:8200", f.toString());
        return f;
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
        GptProbe p = new GptProbe();
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
            return GptLayout.read(new RawImage(s), Monitor.NONE).describe();
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

    /** Recomputes HeaderCRC32 of the header at {@code lba} (over HeaderSize bytes with the field zeroed). */
    static void fixHeaderCrc(Path file, long lba) throws IOException {
        ByteBuffer h = read(file, lba * SECTOR, SECTOR);
        int size = h.getInt(12);
        byte[] b = new byte[size];
        h.get(0, b);
        java.util.Arrays.fill(b, 16, 20, (byte) 0);
        CRC32 c = new CRC32();
        c.update(b);
        putInt(file, lba * SECTOR + 16, (int) c.getValue());
    }

    /** Recomputes PartitionEntryArrayCRC32 of the header at {@code lba} from its array, then the header's CRC. */
    static void fixArrayCrc(Path file, long lba) throws IOException {
        ByteBuffer h = read(file, lba * SECTOR, SECTOR);
        long arrayLba = h.getLong(72);
        int bytes = h.getInt(80) * h.getInt(84);
        CRC32 c = new CRC32();
        c.update(read(file, arrayLba * SECTOR, bytes));
        putInt(file, lba * SECTOR + 88, (int) c.getValue());
        fixHeaderCrc(file, lba);
    }

    /** Byte offset of entry {@code index} (from 1) of the array named by the header at {@code headerLba}. */
    static long entryOffset(Path file, long headerLba, int index) throws IOException {
        ByteBuffer h = read(file, headerLba * SECTOR, SECTOR);
        return h.getLong(72) * SECTOR + (long) (index - 1) * h.getInt(84);
    }

    /** Sets an entry's first and last LBA in the array of the header at {@code headerLba}, CRCs fixed after. */
    static void setEntryRange(Path file, long headerLba, int index, long first, long last) throws IOException {
        long at = entryOffset(file, headerLba, index);
        putLong(file, at + 32, first);
        putLong(file, at + 40, last);
        fixArrayCrc(file, headerLba);
    }
}
