// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.raw.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.vdiskdoctor.core.catalog.FindingCatalog;

/** Real tools for making test images, and the catalog of core + raw. */
final class RawFixtures {

    private RawFixtures() {
    }

    static Path repo() {
        String r = System.getProperty("vdiskdoctor.repo");
        if (r == null) throw new IllegalStateException("system property vdiskdoctor.repo is not set (see pom.xml)");
        return Path.of(r);
    }

    /** The catalog parts of the core bundle and this bundle, as the engine sees them in OSGi. */
    static FindingCatalog catalog() throws IOException {
        FindingCatalog.Builder b = new FindingCatalog.Builder();
        for (String bundle : List.of("org.vdiskdoctor.core", "org.vdiskdoctor.format.raw")) {
            try (InputStream in = Files.newInputStream(repo().resolve("bundles").resolve(bundle)
                    .resolve(FindingCatalog.RESOURCE))) {
                b.add(in, bundle);
            }
        }
        if (!b.problems().isEmpty()) throw new IllegalStateException(b.problems().toString());
        return b.build();
    }

    /** Runs a command, returns its output; fails on a non-zero exit. */
    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + out);
        return out;
    }

    /** {@code qemu-img create -f raw <file> <size>}. */
    static Path qemuImgRaw(Path file, String size) throws IOException, InterruptedException {
        run("qemu-img", "create", "-q", "-f", "raw", file.toString(), size);
        return file;
    }

    /** {@code truncate -s <bytes> <file>}: sizes qemu-img would round to whole sectors. */
    static Path truncate(Path file, long bytes) throws IOException, InterruptedException {
        run("truncate", "-s", Long.toString(bytes), file.toString());
        return file;
    }

    /** The "virtual-size" qemu-img reports for a raw file. */
    static long qemuVirtualSize(Path file) throws IOException, InterruptedException {
        String json = run("qemu-img", "info", "-f", "raw", "--output=json", file.toString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"virtual-size\":\\s*(\\d+)").matcher(json);
        if (!m.find()) throw new IOException("no virtual-size in " + json);
        return Long.parseLong(m.group(1));
    }
}
