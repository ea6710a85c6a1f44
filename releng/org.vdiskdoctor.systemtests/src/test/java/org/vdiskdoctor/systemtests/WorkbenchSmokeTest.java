// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real workbench product under Xvfb: it starts, shows its window, opens what {@code --open} names, diagnoses it
 * without an internal error, and is screenshotted to {@code releng/org.vdiskdoctor.systemtests/target/workbench.png}.
 */
class WorkbenchSmokeTest {

    private static final Path TARGET = Cli.REPO.resolve("releng/org.vdiskdoctor.systemtests/target");

    @Test
    void startsOpensSubjectsAndShowsThem(@TempDir Path tmp) throws Exception {
        // fault: 100 bytes after the last whole sector (raw.size.unaligned); a VM folder with a healthy raw disk
        // from qemu-img and an empty disk (core.file.empty); a QCOW2 sample (its header tree once the qcow2 driver
        // is installed) and a missing file (core.file.missing).
        Path odd = tmp.resolve("web01-data.img");
        Files.write(odd, new byte[(16 << 20) + 100]);
        Path vm = Files.createDirectory(tmp.resolve("web01"));
        Cli.sh(vm, "qemu-img", "create", "-q", "-f", "raw", "web01-boot.img", "64M");
        Files.createFile(vm.resolve("web01-swap.img"));
        Path qcow2 = Cli.SAMPLES.resolve("corrupt-flag.qcow2");
        Path gone = tmp.resolve("web01-old.img");
        // a GPT-partitioned QCOW2: a raw disk from qemu-img, partitioned by sgdisk, converted by qemu-img; first, so
        // its inspector is in front and the navigator shows its partitions in the screenshot
        Cli.sh(tmp, "qemu-img", "create", "-q", "-f", "raw", "gpt.raw", "64M");
        Cli.sh(tmp, "/usr/sbin/sgdisk", "-n", "1:2048:+16M", "-c", "1:EFI", "-t", "1:ef00", "-n", "2:0:0", "-c",
                "2:root", "-t", "2:8300", "gpt.raw");
        Cli.sh(tmp, "qemu-img", "convert", "-f", "raw", "-O", "qcow2", "gpt.raw", "web01-system.qcow2");
        Path gpt = tmp.resolve("web01-system.qcow2");

        Workbench.Run run = Workbench.run(tmp, Workbench.productCommand(tmp, List.of(gpt, odd, vm, qcow2, gone)),
                Map.of());
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.windows().contains("\"VDisk Doctor\""), "no window titled VDisk Doctor:\n" + run.windows());

        List<String> ready = run.ready().lines().toList();
        assertEquals(5, ready.size(), run.ready());
        // the product has the partition-table locators: the navigator lists the QCOW2's two GPT partitions
        assertTrue(ready.get(0).startsWith(gpt + "\tDONE\t1\t") && ready.get(0).endsWith("\t2"), ready.get(0));
        assertEquals(odd + "\tDONE\t1\twarning\t0", ready.get(1));
        assertEquals(vm + "\tDONE\t2\terror\t0", ready.get(2));
        assertTrue(ready.get(3).startsWith(qcow2 + "\tDONE\t1\t"), ready.get(3));
        assertEquals(gone + "\tDONE\t1\terror\t0", ready.get(4));

        Path log = run.workspace().resolve(".metadata/.log");
        String errors = Files.exists(log) ? Files.readString(log) : "";
        assertFalse(java.util.regex.Pattern.compile("^!ENTRY \\S+ 4 ", java.util.regex.Pattern.MULTILINE)
                .matcher(errors).find(), "errors in the workbench log:\n" + errors);
        assertFalse(errors.contains("Exception"), "exceptions in the workbench log:\n" + errors);

        BufferedImage img = ImageIO.read(run.screenshot().toFile());
        assertTrue(img.getWidth() >= 1000 && img.getHeight() >= 600, "the main window is " + img.getWidth() + "x"
                + img.getHeight() + ", not its default 1200x760");
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) colours.add(img.getRGB(x, y));
        }
        assertTrue(colours.size() > 50, "the screenshot looks blank (" + colours.size() + " colours)");
        Files.createDirectories(TARGET);
        Files.copy(run.screenshot(), TARGET.resolve("workbench.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theLauncherStartsTheWorkbenchWithoutArguments(@TempDir Path tmp) throws Exception {
        // ./vdisk-doctor passes -data @noDefault: the application picks $XDG_CONFIG_HOME/vdisk-doctor/workspace
        Map<String, String> env = Map.of("VDISK_DOCTOR_NO_BUILD", "1", "XDG_CONFIG_HOME", tmp.resolve("config")
                .toString(), "VDISK_DOCTOR_VMARGS", "-Dvdiskdoctor.ui.readyFile=" + tmp.resolve("ready.txt"));
        Workbench.Run run = Workbench.run(tmp, "./vdisk-doctor", env);
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.windows().contains("\"VDisk Doctor\""), run.windows());
        assertTrue(Files.isDirectory(tmp.resolve("config/vdisk-doctor/workspace/.metadata")),
                "workspace not created under XDG_CONFIG_HOME");
    }

    @Test
    void theHeadlessProductHasNoUiBundlesAndTheWorkbenchHasBoth() throws Exception {
        Path headless = Cli.REPO.resolve(
                "releng/org.vdiskdoctor.product/target/products/org.vdiskdoctor.cli.product/linux/gtk/x86_64/plugins");
        List<String> ui;
        try (var s = Files.list(headless)) {
            ui = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("org.eclipse.swt")
                    || n.startsWith("org.eclipse.jface") || n.startsWith("org.eclipse.e4.ui")
                    || n.startsWith("org.vdiskdoctor.ui")).toList();
        }
        assertEquals(List.of(), ui, "UI bundles in the headless product");
        try (var s = Files.list(Workbench.PRODUCT.resolve("plugins"))) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            for (String bsn : List.of("org.vdiskdoctor.ui_", "org.vdiskdoctor.core_", "org.vdiskdoctor.format.raw_",
                    "org.vdiskdoctor.cli_", "org.eclipse.swt.gtk.linux.x86_64_", "org.apache.felix.scr_")) {
                assertTrue(names.stream().anyMatch(n -> n.startsWith(bsn)), bsn + " missing from the workbench");
            }
        }
    }

    @Test
    void withoutADisplayTheLauncherSaysSoAndExits13() throws Exception {
        Cli.Result r = Cli.run(Map.of("DISPLAY", "", "WAYLAND_DISPLAY", ""), List.of());
        assertEquals(13, r.exit(), r.err());
        assertTrue(r.err().contains("no display"), r.err());
    }
}
