// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.platform.virtualbox.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.io.PathPolicy;
import org.vdiskdoctor.core.spi.DiskProbe;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.FolderProbe;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.format.vdi.VdiIdentity;
import org.vdiskdoctor.platform.virtualbox.VirtualBoxCodes;
import org.xml.sax.SAXException;

/**
 * Compares a VM folder's VirtualBox media registry (the {@code .vbox} file) with the VDI files it names: VirtualBox
 * refuses to start a VM whose disk's header UUID differs from its registry entry ("UUID of the medium does not match
 * the value stored in the media registry"), typically after a disk file was replaced by a copy or a restore. Reads
 * at most {@value #MAX_VBOX_FILES} {@code .vbox} files of at most {@value #MAX_VBOX_BYTES} bytes; locations are
 * resolved under the user's path policy, so a registry cannot make us open files outside the allowed folders.
 */
@Component(service = FolderProbe.class, property = DiskProbe.ID_PROPERTY + "=" + VboxRegistryProbe.ID)
public final class VboxRegistryProbe implements FolderProbe {

    public static final String ID = "virtualbox.registry";
    static final int MAX_VBOX_FILES = 16;
    static final long MAX_VBOX_BYTES = 4L << 20;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean appliesTo(Path folder) {
        return !vboxFiles(folder).isEmpty();
    }

    @Override
    public void run(Path folder, PathPolicy policy, FindingSink sink, Monitor monitor) throws IOException {
        for (Path vbox : vboxFiles(folder)) {
            monitor.checkpoint();
            check(vbox, policy, sink, monitor);
        }
    }

    /** The regular {@code *.vbox} files of {@code folder}, sorted, at most {@value #MAX_VBOX_FILES}. */
    static List<Path> vboxFiles(Path folder) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            int seen = 0;
            for (Path f : ds) {
                if (++seen > 65536) break; // not a VM folder; do not hold every name
                if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".vbox") && Files.isRegularFile(f)) {
                    out.add(f);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        out.sort(null);
        return out.size() > MAX_VBOX_FILES ? out.subList(0, MAX_VBOX_FILES) : out;
    }

    private static void check(Path vbox, PathPolicy policy, FindingSink sink, Monitor monitor) throws IOException {
        long size = Files.size(vbox);
        if (size > MAX_VBOX_BYTES) {
            sink.report(Finding.of(VirtualBoxCodes.VBOX_UNREADABLE, vbox + ": " + size + " bytes, more than the "
                    + MAX_VBOX_BYTES + " a VirtualBox machine file has; not read").file(vbox).build());
            return;
        }
        List<MediaRegistry.HardDisk> disks;
        try {
            disks = MediaRegistry.parse(Files.readAllBytes(vbox));
        } catch (SAXException e) {
            sink.report(Finding.of(VirtualBoxCodes.VBOX_UNREADABLE, vbox + ": not readable as VirtualBox XML: "
                    + e.getMessage()).file(vbox).build());
            return;
        }
        for (MediaRegistry.HardDisk d : disks) {
            monitor.checkpoint();
            if (d.location().isEmpty() || !isVdi(d)) continue;
            // .vbox files written on Windows use backslashes
            String location = d.location().indexOf('/') < 0 ? d.location().replace('\\', '/') : d.location();
            if (!(policy.resolve(vbox, location) instanceof PathPolicy.Inside in)) continue;
            if (!in.exists()) {
                sink.report(Finding.of(VirtualBoxCodes.REGISTRY_MEDIUM_MISSING, vbox + ": the media registry lists"
                        + " hard disk " + d.uuid() + " at '" + d.location() + "', but " + in.path()
                        + " does not exist; VirtualBox marks the medium inaccessible").file(vbox).build());
                continue;
            }
            if (!Files.isRegularFile(in.path())) continue;
            Optional<String> actual;
            try (ImageSource s = ImageSource.open(in.path())) {
                actual = VdiIdentity.uuidCreate(s);
            }
            String expected = MediaRegistry.bare(d.uuid());
            if (actual.isPresent() && !actual.get().equals(expected)) {
                sink.report(Finding.of(VirtualBoxCodes.REGISTRY_UUID_MISMATCH, vbox + ": UUID of the medium "
                        + in.path() + " does not match the value stored in the media registry: the registry says {"
                        + expected + "}, the image header says {" + actual.get() + "}").file(vbox)
                        .at(in.path(), VdiIdentity.UUID_CREATE_OFFSET, 16).build());
            }
        }
    }

    private static boolean isVdi(MediaRegistry.HardDisk d) {
        return d.format().equalsIgnoreCase("VDI")
                || d.format().isEmpty() && d.location().toLowerCase(Locale.ROOT).endsWith(".vdi");
    }
}
