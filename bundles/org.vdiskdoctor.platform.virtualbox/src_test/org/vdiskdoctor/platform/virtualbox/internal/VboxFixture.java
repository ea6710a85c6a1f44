// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.platform.virtualbox.internal;

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
import java.util.concurrent.TimeUnit;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.core.io.PathPolicy;
import org.vdiskdoctor.core.spi.Monitor;

/** VDI files from the real qemu-img with a known creation UUID, .vbox files, and a run of the probe. */
final class VboxFixture {

    /** The UUID {@link #vdi} writes, in VirtualBox's text form. */
    static final String UUID_A = "01020304-0506-0708-090a-0b0c0d0e0f10";
    /** Its on-disk RTUUID bytes: the first three fields little-endian. */
    static final byte[] UUID_A_RAW = { 4, 3, 2, 1, 6, 5, 8, 7, 9, 10, 11, 12, 13, 14, 15, 16 };

    private static FindingCatalog catalog;

    private VboxFixture() {
    }

    /** {@code qemu-img create -f vdi name 1M}, then surgery: uuidCreate (0x188) = {@link #UUID_A}. */
    static Path vdi(Path dir, String name) throws Exception {
        Files.createDirectories(dir.resolve(name).getParent());
        qemuImg(dir, "create", "-q", "-f", "vdi", name, "1M");
        Path f = dir.resolve(name);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(UUID_A_RAW), 0x188);
        }
        return f;
    }

    /** Runs qemu-img in {@code dir}; fails the test on a non-zero exit. */
    static void qemuImg(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/qemu-img"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    /** A .vbox file as VirtualBox 7 writes it, registering one VDI disk. */
    static Path vbox(Path dir, String name, String uuid, String location) throws IOException {
        String xml = """
                <?xml version="1.0"?>
                <!-- written by VirtualBox -->
                <VirtualBox xmlns="http://www.virtualbox.org/" version="1.19-linux">
                  <Machine uuid="{aaaaaaaa-0000-0000-0000-000000000001}" name="vm" OSType="Ubuntu_64">
                    <MediaRegistry>
                      <HardDisks>
                        <HardDisk uuid="{%s}" location="%s" format="VDI" type="Normal"/>
                      </HardDisks>
                    </MediaRegistry>
                  </Machine>
                </VirtualBox>
                """.formatted(uuid, location);
        return Files.writeString(dir.resolve(name), xml);
    }

    static synchronized FindingCatalog catalog() throws IOException {
        if (catalog == null) {
            Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
            FindingCatalog.Builder b = new FindingCatalog.Builder();
            try (InputStream in = Files.newInputStream(base.resolve(FindingCatalog.RESOURCE))) {
                b.add(in, FindingCatalog.RESOURCE);
            }
            assertEquals(List.of(), b.problems(), "catalog problems");
            catalog = b.build();
        }
        return catalog;
    }

    /** Runs the probe on {@code folder} with the folder as the only allowed root. */
    static List<Finding> run(Path folder) throws IOException {
        VboxRegistryProbe probe = new VboxRegistryProbe();
        List<Finding> out = new ArrayList<>();
        if (!probe.appliesTo(folder)) return out;
        probe.run(folder, PathPolicy.within(List.of(folder.toRealPath()), false), out::add, Monitor.NONE);
        for (Finding f : out) assertTrue(catalog().contains(f.code()), () -> f.code() + " not in the catalog");
        return out;
    }
}
