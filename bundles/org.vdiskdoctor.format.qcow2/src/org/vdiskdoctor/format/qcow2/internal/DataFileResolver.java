// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.io.PathInspector;
import org.vdiskdoctor.core.io.PathPolicy;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/**
 * Opens the external data file for guest reads. Its name comes from the image, so it is resolved like QEMU does
 * (relative to the image's folder) and followed only when it stays inside that folder, after symbolic links
 * ({@link PathPolicy}): a name that escapes, does not exist or is not a regular readable file is a finding, and the
 * image then offers no guest reads. The engine's wider policy (extra folders, --allow-outside) is not applied here:
 * a data file belongs beside its image.
 */
final class DataFileResolver {

    private DataFileResolver() {
    }

    /** The opened data file, or null (with a finding) when it may not or cannot be read. */
    static ImageSource open(HeaderExtensions ext, ImageSource image, Problems p) {
        HeaderExtensions.Extension e = ext.find(HeaderExtensions.EXTERNAL_DATA_FILE);
        String name = ExternalDataFile.rawName(ext);
        if (e == null || name == null) return null; // reported as qcow2.data-file.name-missing
        Path imagePath = image.path().toAbsolutePath();
        Path folder = imagePath.getParent();
        PathPolicy policy = PathPolicy.within(List.of(folder), false);
        String shown = BackingFile.printable(name);
        PathPolicy.Resolution r = policy.resolve(imagePath, name);
        if (r instanceof PathPolicy.Escapes esc) {
            p.add(Qcow2Codes.DATA_FILE_ESCAPE, e.offset(), 8 + e.length(), "the external data file '" + shown
                    + "' resolves to " + esc.path() + ", outside the image's folder " + policy.allowedRoots()
                    + "; it is not read, and guest content is not checked");
            return null;
        }
        if (r instanceof PathPolicy.Invalid inv) {
            p.add(Qcow2Codes.DATA_FILE_UNAVAILABLE, e.offset(), 8 + e.length(), "the external data file name '"
                    + shown + "' is not a valid path: " + inv.reason());
            return null;
        }
        PathPolicy.Inside in = (PathPolicy.Inside) r;
        PathInspector.Inspection kind = PathInspector.inspect(in.path());
        if (!in.exists() || !kind.kind().readable()) {
            p.add(Qcow2Codes.DATA_FILE_UNAVAILABLE, e.offset(), 8 + e.length(), "the external data file '" + shown
                    + "' (" + in.path() + ") " + (in.exists() ? "is not a readable file" : "does not exist")
                    + "; guest content cannot be read");
            return null;
        }
        try {
            return ImageSource.open(in.path());
        } catch (IOException ex) {
            p.add(Qcow2Codes.DATA_FILE_UNAVAILABLE, e.offset(), 8 + e.length(), "the external data file '" + shown
                    + "' (" + in.path() + ") cannot be opened: " + ex.getMessage());
            return null;
        }
    }
}
