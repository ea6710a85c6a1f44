// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.tests;

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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.core.catalog.CatalogService;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.DiskProbe;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.VolumeLocator;
import org.vdiskdoctor.core.spi.VolumeProbe;

/**
 * Partitioned disks made by the real tools (sgdisk, sfdisk, fdisk, mkfs.*), converted by qemu-img, byte surgery on
 * them, and a diagnosis by an engine over every contributed format, partition and filesystem bundle.
 */
final class GuestDisks {

    private GuestDisks() {
    }

    /** Runs a command that must succeed within two minutes; returns its merged output. */
    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed: " + out);
        return out;
    }

    static String sh(String script) throws IOException, InterruptedException {
        return run("sh", "-c", script);
    }

    /** Copies {@code fs} into {@code disk} at byte {@code offset} (a MiB multiple), keeping holes. */
    static void place(Path fs, Path disk, long offset) throws IOException, InterruptedException {
        run("dd", "if=" + fs, "of=" + disk, "bs=1M", "seek=" + (offset >> 20), "conv=notrunc,sparse", "status=none");
    }

    /**
     * Makes a filesystem of {@code size} ("64M") with {@code mkfs} (the command; the file is appended as its last
     * argument) in a file beside {@code disk}, copies it into {@code disk} at {@code offset} and deletes the file.
     */
    static void mkfsAt(Path disk, long offset, String size, String... mkfs) throws IOException, InterruptedException {
        Path fs = disk.resolveSibling(disk.getFileName() + ".fs");
        run("truncate", "-s", size, fs.toString());
        List<String> cmd = new ArrayList<>(List.of(mkfs));
        cmd.add(fs.toString());
        run(cmd.toArray(String[]::new));
        place(fs, disk, offset);
        java.nio.file.Files.delete(fs);
    }

    /** {@code qemu-img convert -O format [options] raw out}. */
    static Path convert(Path raw, Path out, String format, String... options) throws IOException,
            InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("qemu-img", "convert", "-f", "raw", "-O", format));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of(raw.toString(), out.toString()));
        run(cmd.toArray(String[]::new));
        return out;
    }

    private static final Pattern SFDISK = Pattern.compile("start=\\s*(\\d+), size=\\s*(\\d+)");

    /** "offset,length" in bytes of each partition {@code sfdisk -d} dumps (512-byte sectors). */
    static List<String> sfdiskPartitions(Path disk) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        Matcher m = SFDISK.matcher(run("sfdisk", "-d", disk.toString()));
        while (m.find()) out.add(Long.parseLong(m.group(1)) * 512 + "," + Long.parseLong(m.group(2)) * 512);
        return out;
    }

    private static final Pattern FDISK = Pattern.compile("(?m)^\\S+\\d\\s+(\\d+)\\s+(\\d+)\\s*$");

    /** "offset,length" in bytes of each partition {@code fdisk -b 4096 -l} lists. */
    static List<String> fdisk4kPartitions(Path disk) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        Matcher m = FDISK.matcher(run("fdisk", "-b", "4096", "-l", "-o", "Device,Start,Sectors", disk.toString()));
        while (m.find()) out.add(Long.parseLong(m.group(1)) * 4096 + "," + Long.parseLong(m.group(2)) * 4096);
        return out;
    }

    /** The volumes other than the whole disk, as "offset,length". */
    static List<String> partitions(SubjectResult r) {
        return r.volumes().stream().filter(v -> !v.id().equals(Volume.WHOLE_DISK))
                .map(v -> v.offset() + "," + v.length()).toList();
    }

    /** Every volume as "offset,length,filesystem": what must not depend on the container. */
    static List<String> volumes(SubjectResult r) {
        return r.volumes().stream().map(v -> v.offset() + "," + v.length() + "," + v.filesystem()).toList();
    }

    /** The sorted codes of the partition-table and filesystem findings. */
    static List<String> guestCodes(SubjectResult r) {
        return r.findings().stream().map(f -> f.code().toString())
                .filter(c -> c.startsWith("gpt.") || c.startsWith("mbr.") || c.startsWith("fs.")).sorted().toList();
    }

    static List<Finding> errors(SubjectResult r) {
        return r.findings().stream().filter(f -> f.severity() == org.vdiskdoctor.core.Severity.ERROR).toList();
    }

    private static final String EXAMPLE = "org.vdiskdoctor.example.blankdisk";
    private static final Set<String> FORMATS = Set.of("raw", "qcow2", "vmdk", "vhd", "vhdx", "vdi");
    private static final Set<String> FILESYSTEMS = Set.of("fs.ext4", "fs.fat", "fs.ntfs", "fs.xfs");

    /**
     * An engine over the contributed drivers, partition tables and filesystem probes, as DiagnosisService builds it,
     * but without the example bundle's probe: ContributionWiringTest proves that the catalog works before that bundle
     * was ever activated, and these tests may run before it.
     */
    static DiagnosisEngine engine() throws InterruptedException {
        BundleContext bc = FrameworkUtil.getBundle(GuestDisks.class).getBundleContext();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            List<FormatDriver> drivers = services(bc, FormatDriver.class);
            List<VolumeProbe> probes = services(bc, VolumeProbe.class);
            List<VolumeLocator> locators = services(bc, VolumeLocator.class);
            List<DiskProbe> diskProbes = services(bc, DiskProbe.class);
            List<CatalogService> catalog = services(bc, CatalogService.class);
            boolean complete = drivers.stream().map(FormatDriver::id).collect(Collectors.toSet()).containsAll(FORMATS)
                    && probes.stream().map(VolumeProbe::id).collect(Collectors.toSet()).containsAll(FILESYSTEMS)
                    && locators.size() >= 2 && diskProbes.size() >= 2 && !catalog.isEmpty();
            if (complete) {
                return new DiagnosisEngine(drivers, diskProbes, List.of(), catalog.get(0).catalog())
                        .withVolumes(locators, probes);
            }
            if (System.nanoTime() > deadline) throw new AssertionError("services missing (is SCR started?): " + drivers
                    + probes + locators + diskProbes);
            Thread.sleep(100);
        }
    }

    private static <T> List<T> services(BundleContext bc, Class<T> type) {
        try {
            List<T> out = new ArrayList<>();
            for (ServiceReference<T> r : bc.getServiceReferences(type, null)) {
                if (r.getBundle() == null || r.getBundle().getSymbolicName().equals(EXAMPLE)) continue;
                T s = bc.getService(r);
                if (s != null) out.add(s);
            }
            return out;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static SubjectResult diagnose(Path image) throws InterruptedException, IOException {
        return engine().diagnose(List.of(image), DiagnosisOptions.defaults(), Monitor.NONE).subjects().get(0);
    }

    static void write(Path file, long offset, byte[] bytes) throws IOException {
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

    private static final byte[] METADATA_REGION = guid("8B7CA206-4790-4B9A-B8FE-575F050F886E");
    private static final byte[] LOGICAL_SECTOR_SIZE = guid("8141BF1D-A96F-4709-BA47-F233A8FAAB5F");

    /** A GUID in its on-disk (mixed-endian) byte order. */
    private static byte[] guid(String text) {
        java.util.UUID u = java.util.UUID.fromString(text);
        ByteBuffer b = ByteBuffer.allocate(16);
        b.order(ByteOrder.LITTLE_ENDIAN).putInt((int) (u.getMostSignificantBits() >>> 32))
                .putShort((short) (u.getMostSignificantBits() >>> 16)).putShort((short) u.getMostSignificantBits());
        b.order(ByteOrder.BIG_ENDIAN).putLong(u.getLeastSignificantBits());
        return b.array();
    }

    /**
     * Byte surgery on a VHDX from qemu-img (which writes only 512): sets the Logical Sector Size metadata item (MS-VHDX
     * 2.6.2.4, no checksum) to {@code size}, as Hyper-V's New-VHD -LogicalSectorSizeBytes does. The region table at
     * 192 KiB names the metadata region; its table lists the item. The BAT keeps mapping the same blocks as long as
     * the disk has fewer payload blocks than one chunk (2^23 sectors: 4 GiB in 512-byte sectors), so the guest bytes
     * stay the same.
     */
    static void setVhdxLogicalSectorSize(Path vhdx, int size) throws IOException {
        ByteBuffer regions = read(vhdx, 192 * 1024, 64 * 1024);
        long metadata = -1;
        for (int i = 0; i < regions.getInt(8); i++) {
            byte[] g = new byte[16];
            regions.get(16 + 32 * i, g);
            if (java.util.Arrays.equals(g, METADATA_REGION)) metadata = regions.getLong(16 + 32 * i + 16);
        }
        if (metadata < 0) throw new IOException(vhdx + ": no metadata region");
        ByteBuffer table = read(vhdx, metadata, 64 * 1024);
        for (int i = 0; i < (table.getShort(10) & 0xffff); i++) {
            byte[] g = new byte[16];
            table.get(32 + 32 * i, g);
            if (java.util.Arrays.equals(g, LOGICAL_SECTOR_SIZE)) {
                write(vhdx, metadata + Integer.toUnsignedLong(table.getInt(32 + 32 * i + 16)),
                        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(size).array());
                return;
            }
        }
        throw new IOException(vhdx + ": no Logical Sector Size item");
    }
}
