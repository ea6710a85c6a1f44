// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.format.vdi.VdiCodes;
import org.vdiskdoctor.format.vdi.internal.VdiHeader.Uuid;

/**
 * Finds the parent of a differencing VDI. VirtualBox stores no parent file name in the image (the media registry in
 * the {@code .vbox} file knows it), so the parent is the {@code *.vdi} file whose creation UUID equals the child's
 * parent UUID. VirtualBox keeps differencing images in {@code <VM>/Snapshots/} and the base in {@code <VM>/}, so the
 * search covers the child's folder and the folder above it, reading at most {@value #MAX_FILES} headers, and only
 * regular files (a FIFO named {@code .vdi} would block). The engine then resolves, opens and checks the file under
 * the user's path policy.
 */
final class ParentSearch {

    static final int MAX_FILES = 256;
    static final int MAX_LISTED = 65536;

    /** The parent's name relative to the child's folder ({@code base.vdi} or {@code ../base.vdi}), or null. */
    record Result(String name, String where, int scanned) {
    }

    private ParentSearch() {
    }

    static Result find(Path child, Uuid linkage, Problems p) {
        Path real;
        try {
            real = child.toRealPath();
        } catch (IOException e) {
            real = child.toAbsolutePath().normalize();
        }
        Path folder = real.getParent();
        List<String> matches = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        int[] scanned = { 0 };
        if (folder != null) {
            folders.add(folder);
            scan(folder, "", real, linkage, matches, scanned);
            Path up = folder.getParent();
            if (up != null) {
                folders.add(up);
                scan(up, "../", real, linkage, matches, scanned);
            }
        }
        String where = folders.toString();
        if (matches.isEmpty()) {
            p.add(VdiCodes.CHAIN_PARENT_NOT_FOUND, VdiHeader.OFF_UUID_LINKAGE, 16, "no parent image found: looked for"
                    + " a .vdi file with UUID " + linkage + " (this image's parent UUID) in " + where + " ("
                    + scanned[0] + " .vdi files read" + (scanned[0] >= MAX_FILES ? ", the most we read" : "")
                    + "); the guest data of unwritten blocks cannot be read");
            return null;
        }
        if (matches.size() > 1) {
            p.add(VdiCodes.CHAIN_PARENT_AMBIGUOUS, VdiHeader.OFF_UUID_LINKAGE, 16, "several files have the parent"
                    + " UUID " + linkage + ": " + matches + "; copies of the same image? The media registry decides"
                    + " which one VirtualBox uses, so none is followed here");
            return null;
        }
        return new Result(matches.get(0), where, scanned[0]);
    }

    private static void scan(Path folder, String prefix, Path self, Uuid linkage, List<String> matches,
            int[] scanned) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            List<Path> names = new ArrayList<>();
            int seen = 0;
            for (Path f : ds) {
                // a folder of millions of files is not a VM folder: stop listing rather than hold every name
                if (++seen > MAX_LISTED) break;
                if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".vdi")) names.add(f);
            }
            names.sort(null);
            for (Path f : names) {
                if (scanned[0] >= MAX_FILES) return;
                if (!Files.isRegularFile(f)) continue;
                try {
                    if (f.toRealPath().equals(self)) continue;
                    scanned[0]++;
                    if (linkage.equals(uuidCreate(f))) matches.add(prefix + f.getFileName());
                } catch (IOException | RuntimeException e) {
                    // an unreadable neighbour is not this image's parent; the engine diagnoses it on its own
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable folder holds no parent we could use
        }
    }

    private static Uuid uuidCreate(Path f) throws IOException {
        try (ImageSource s = ImageSource.open(f)) {
            VdiHeader h = VdiHeader.read(s);
            return HeaderChecks.interpretable(h) ? h.uuidCreate() : null;
        }
    }
}
