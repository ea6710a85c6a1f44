// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.raw.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.testing.Repo;
import org.vdiskdoctor.testing.Tools;

/** Real tools for making test images (run by {@link Tools}), and the catalog of core + raw. */
final class RawFixtures {

    private RawFixtures() {
    }

    /** The catalog parts of the core bundle and this bundle, as the engine sees them in OSGi. */
    static FindingCatalog catalog() throws IOException {
        return Repo.catalog(List.of("org.vdiskdoctor.core", "org.vdiskdoctor.format.raw"));
    }

    /** {@code qemu-img create -f raw <file> <size>}. */
    static Path qemuImgRaw(Path file, String size) throws IOException, InterruptedException {
        Tools.run("qemu-img", "create", "-q", "-f", "raw", file.toString(), size);
        return file;
    }

    /** {@code truncate -s <bytes> <file>}: sizes qemu-img would round to whole sectors. */
    static Path truncate(Path file, long bytes) throws IOException, InterruptedException {
        Tools.run("truncate", "-s", Long.toString(bytes), file.toString());
        return file;
    }

    /** The "virtual-size" qemu-img reports for a raw file. */
    static long qemuVirtualSize(Path file) throws IOException, InterruptedException {
        String json = Tools.run("qemu-img", "info", "-f", "raw", "--output=json", file.toString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"virtual-size\":\\s*(\\d+)").matcher(json);
        if (!m.find()) throw new IOException("no virtual-size in " + json);
        return Long.parseLong(m.group(1));
    }
}
