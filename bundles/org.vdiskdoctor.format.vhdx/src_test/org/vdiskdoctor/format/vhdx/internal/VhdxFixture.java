// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.testing.DriverRun;
import org.vdiskdoctor.testing.Repo;
import org.vdiskdoctor.testing.Tools;

/**
 * Test images from the real {@code qemu-img}/{@code qemu-io}, little-endian byte surgery with checksum fix-ups (so
 * a fault gets past the CRC and reaches the check it targets), and a run of the driver outside OSGi that fills in
 * the catalog's default severities the way the engine does.
 *
 * <p>qemu-img's layout of a dynamic image, which the surgery relies on: log at 1 MiB (1 MiB), BAT at 2 MiB, metadata
 * at 3 MiB, payload blocks from 4 MiB; region table entry 0 is the BAT, entry 1 the metadata region.
 */
final class VhdxFixture {

    static final String QEMU_IMG = "/usr/bin/qemu-img";
    static final String QEMU_IO = "/usr/bin/qemu-io";
    static final long H1 = 0x10000;
    static final long H2 = 0x20000;
    static final long RT1 = 0x30000;
    static final long RT2 = 0x40000;
    static final long LOG = 0x100000;
    static final long BAT = 0x200000;
    static final long META = 0x300000;

    private VhdxFixture() {
    }

    static Object[] exec(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Tools.Run r = Tools.execIn(dir, cmd);
        return new Object[] { r.exit(), r.out() };
    }

    /** Runs {@code qemu-img args…} in {@code dir}; fails the test when it does not exit 0. */
    static String qemuImg(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(QEMU_IMG));
        cmd.addAll(List.of(args));
        Object[] r = exec(dir, cmd);
        assertEquals(0, r[0], () -> cmd + " failed: " + r[1]);
        return (String) r[1];
    }

    /** {@code qemu-img create -f vhdx [options…] name size} in {@code dir}. */
    static Path create(Path dir, String name, String size, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("create", "-q", "-f", "vhdx"));
        args.addAll(List.of(options));
        args.add(name);
        args.add(size);
        qemuImg(dir, args.toArray(String[]::new));
        return dir.resolve(name);
    }

    /** {@code qemu-io -f vhdx -c cmd… file}; fails the test when it does not exit 0 or reports an error. */
    static void qemuIo(Path file, String... commands) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(QEMU_IO, "-f", "vhdx"));
        for (String c : commands) {
            cmd.add("-c");
            cmd.add(c);
        }
        cmd.add(file.toString());
        Object[] r = exec(file.getParent(), cmd);
        assertEquals(0, r[0], () -> cmd + " failed: " + r[1]);
        assertTrue(!r[1].toString().contains("failed"), () -> cmd + ": " + r[1]);
    }

    /** {@code qemu-img check -f vhdx file}: exit code and text. */
    static Object[] qemuCheck(Path file) throws Exception {
        return exec(file.getParent(), List.of(QEMU_IMG, "check", "-f", "vhdx", file.toString()));
    }

    /** The guest bytes as {@code qemu-img convert -O raw} sees them. */
    static byte[] qemuRaw(Path file) throws Exception {
        Path raw = file.resolveSibling(file.getFileName() + ".raw");
        qemuImg(file.getParent(), "convert", "-f", "vhdx", "-O", "raw", file.toString(), raw.toString());
        byte[] b = Files.readAllBytes(raw);
        Files.delete(raw);
        return b;
    }

    static byte[] readAll(GuestReader r, int chunk) throws IOException {
        byte[] out = new byte[(int) r.guestSize()];
        for (int at = 0; at < out.length; at += chunk) {
            int n = Math.min(chunk, out.length - at);
            r.readGuest(at, ByteBuffer.wrap(out, at, n).slice());
        }
        return out;
    }

    static void put(Path file, long offset, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b, offset + b.position());
        }
    }

    static void putLe32(Path file, long offset, int v) throws IOException {
        put(file, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, v).array());
    }

    static void putLe16(Path file, long offset, int v) throws IOException {
        put(file, offset, ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) v).array());
    }

    static void putLe64(Path file, long offset, long v) throws IOException {
        put(file, offset, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, v).array());
    }

    static ByteBuffer get(Path file, long offset, int length) throws IOException {
        try (ImageSource s = ImageSource.open(file)) {
            return s.read(offset, length).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    static long getLe64(Path file, long offset) throws IOException {
        return get(file, offset, 8).getLong(0);
    }

    /** Recomputes the CRC-32C at {@code at + 4} over {@code length} bytes from {@code at}. */
    static void fixCrc(Path file, long at, int length) throws IOException {
        ByteBuffer b = get(file, at, length);
        b.putInt(4, 0);
        CRC32C c = new CRC32C();
        c.update(b.rewind());
        putLe32(file, at + 4, (int) c.getValue());
    }

    static void fixHeader(Path file, long at) throws IOException {
        fixCrc(file, at, 4096);
    }

    static void fixRegionTables(Path file) throws IOException {
        fixCrc(file, RT1, 65536);
        fixCrc(file, RT2, 65536);
    }

    /** Writes {@code v} into both region tables at {@code rel} (from the table start) and fixes their CRCs. */
    static void putRegionLe64(Path file, int rel, long v) throws IOException {
        putLe64(file, RT1 + rel, v);
        putLe64(file, RT2 + rel, v);
        fixRegionTables(file);
    }

    static void putRegionLe32(Path file, int rel, int v) throws IOException {
        putLe32(file, RT1 + rel, v);
        putLe32(file, RT2 + rel, v);
        fixRegionTables(file);
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    /** This bundle's own catalog. */
    static FindingCatalog catalog() throws IOException {
        return Repo.ownCatalog();
    }

    /** Scores, opens, checks and describes {@code file} with a new driver, as the engine would. */
    static DriverRun run(Path file) throws IOException {
        return DriverRun.of(new VhdxDriver(), file, catalog());
    }
}
