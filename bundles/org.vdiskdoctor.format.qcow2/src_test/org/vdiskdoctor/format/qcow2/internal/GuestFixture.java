// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.vdiskdoctor.testing.GuestReads;
import org.vdiskdoctor.testing.GuestReads.Opened;

/**
 * Guest-read test images from the real {@code qemu-img} and {@code qemu-io}, the guest content QEMU itself sees
 * ({@code qemu-img convert -O raw}), and our driver's reads of the same image; reading and comparing come from
 * {@link GuestReads}.
 */
final class GuestFixture {

    static final String QEMU_IO = "/usr/bin/qemu-io";

    private GuestFixture() {
    }

    /** {@code qemu-img create -f qcow2 [options…] name size} in {@code dir}. */
    static Path create(Path dir, String name, String size, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("create", "-q", "-f", "qcow2"));
        args.addAll(List.of(options));
        args.add(name);
        args.add(size);
        Qcow2Fixture.qemuImg(dir, args.toArray(String[]::new));
        return dir.resolve(name);
    }

    /** Runs each {@code qemu-io} command (e.g. {@code write -P 0x11 0 4k}) on the QCOW2 image {@code image}. */
    static void io(Path image, String... commands) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(QEMU_IO, "-f", "qcow2"));
        for (String c : commands) {
            cmd.add("-c");
            cmd.add(c);
        }
        cmd.add(image.toString());
        Process p = new ProcessBuilder(cmd).directory(image.getParent().toFile()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "qemu-io timed out: " + cmd);
        assertEquals(0, p.exitValue(), () -> cmd + " failed: " + out);
        assertTrue(!out.contains("error") && !out.contains("failed"), () -> cmd + ": " + out);
    }

    /** What QEMU reads as the guest disk of {@code image} (with its backing chain). */
    static byte[] qemuGuest(Path image) throws Exception {
        return GuestReads.qemuGuest(image, null);
    }

    static Opened open(Path image) throws IOException {
        return GuestReads.open(new Qcow2Driver(), image);
    }

    /** Opens {@code image}, reads its whole guest disk and compares it with what QEMU reads. */
    static void assertReadsLikeQemu(Path image, String what) throws Exception {
        byte[] expected = qemuGuest(image);
        try (Opened o = open(image)) {
            GuestReads.assertReadsLike(expected, o.guest(), what);
        }
    }

    /** The L2 cache of an opened guest image. */
    static L2Cache cache(Opened o) {
        return ((Qcow2GuestImage) o.image()).reads().l2Cache();
    }

    /** The host offset of the L2 table of L1 entry {@code l1Index}. */
    static long l2TableOffset(Path image, int l1Index) throws IOException {
        long l1 = Qcow2Fixture.getLong(image, Qcow2Header.OFF_L1_OFFSET);
        return ClusterEntries.l1Offset(Qcow2Fixture.getLong(image, l1 + 8L * l1Index));
    }
}
