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
    /** VDI files of one folder compared by UUID; a folder with more is a store, not a VM folder. */
    static final int MAX_VDI_FILES = 256;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean appliesTo(Path folder) {
        return !vboxFiles(folder).isEmpty() || files(folder, ".vdi", MAX_VDI_FILES).size() > 1;
    }

    @Override
    public void run(Path folder, PathPolicy policy, FindingSink sink, Monitor monitor) throws IOException {
        for (Path vbox : vboxFiles(folder)) {
            monitor.checkpoint();
            check(vbox, policy, sink, monitor);
        }
        sameUuid(folder, sink, monitor);
    }

    /** The regular {@code *.vbox} files of {@code folder}, sorted, at most {@value #MAX_VBOX_FILES}. */
    static List<Path> vboxFiles(Path folder) {
        return files(folder, ".vbox", MAX_VBOX_FILES);
    }

    /** The regular files of {@code folder} whose name ends in {@code suffix} (any case), sorted, at most {@code max}. */
    static List<Path> files(Path folder, String suffix, int max) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            int seen = 0;
            for (Path f : ds) {
                if (++seen > 65536) break; // not a VM folder; do not hold every name
                if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix) && Files.isRegularFile(f)) {
                    out.add(f);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        out.sort(null);
        return out.size() > max ? out.subList(0, max) : out;
    }

    /**
     * VDI files of the folder that carry the same creation UUID: VirtualBox registers a disk by it, so the second
     * one cannot be added ("Cannot register the hard disk ... because a hard disk ... with UUID ... already exists").
     * Such a file is a copy made with cp or a file manager, not with VBoxManage clonemedium.
     */
    private static void sameUuid(Path folder, FindingSink sink, Monitor monitor) throws IOException {
        java.util.Map<String, List<Path>> byUuid = new java.util.TreeMap<>();
        for (Path vdi : files(folder, ".vdi", MAX_VDI_FILES)) {
            monitor.checkpoint();
            try (ImageSource s = ImageSource.open(vdi)) {
                Optional<String> uuid = VdiIdentity.uuidCreate(s);
                if (uuid.isPresent()) byUuid.computeIfAbsent(uuid.get(), k -> new ArrayList<>()).add(vdi);
            } catch (IOException e) {
                // unreadable: the image's own diagnosis says why
            }
        }
        for (java.util.Map.Entry<String, List<Path>> e : byUuid.entrySet()) {
            List<Path> same = e.getValue();
            if (same.size() < 2) continue;
            Finding.Builder f = Finding.of(VirtualBoxCodes.MEDIA_DUPLICATE_UUID, folder + ": " + same.size()
                    + " disks carry the same UUID {" + e.getKey() + "}: " + names(same) + ". VirtualBox registers "
                    + "a disk by its UUID and refuses the second (\"a hard disk with UUID {" + e.getKey()
                    + "} already exists\"): the copies were made with cp, not VBoxManage clonemedium. Give each "
                    + "copy that must be used beside the original a new UUID (VBoxManage internalcommands sethduuid "
                    + same.get(1).getFileName() + ") on a backup first");
            for (Path p : same) f.at(p, VdiIdentity.UUID_CREATE_OFFSET, 16);
            sink.report(f.build());
        }
    }

    private static String names(List<Path> files) {
        StringBuilder b = new StringBuilder();
        for (Path p : files) b.append(b.length() == 0 ? "" : ", ").append(p.getFileName());
        return b.toString();
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
