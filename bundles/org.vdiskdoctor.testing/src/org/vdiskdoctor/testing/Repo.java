// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.vdiskdoctor.core.catalog.FindingCatalog;

/**
 * The source tree the tests run in (system property {@code vdiskdoctor.repo}, set by the root pom for surefire) and
 * the finding catalogs of its bundles, read from their source folders as OSGi would read them from the bundles.
 */
public final class Repo {

    private static final Map<List<String>, FindingCatalog> CATALOGS = new HashMap<>();

    private Repo() {
    }

    /** The repository's root folder. */
    public static Path root() {
        String r = System.getProperty("vdiskdoctor.repo");
        if (r == null) throw new IllegalStateException("system property vdiskdoctor.repo is not set (see pom.xml)");
        return Path.of(r);
    }

    /** A bundle's folder, {@code bundles/<symbolicName>}. */
    public static Path bundle(String symbolicName) {
        return root().resolve("bundles").resolve(symbolicName);
    }

    /**
     * The catalog made of the named bundles' {@code findings.properties}, built once per list.
     *
     * @throws IllegalStateException when the parts disagree (duplicate codes, bad severities ...)
     */
    public static synchronized FindingCatalog catalog(List<String> bundles) throws IOException {
        FindingCatalog known = CATALOGS.get(bundles);
        if (known != null) return known;
        FindingCatalog.Builder b = new FindingCatalog.Builder();
        for (String bundle : bundles) {
            try (InputStream in = Files.newInputStream(bundle(bundle).resolve(FindingCatalog.RESOURCE))) {
                b.add(in, bundle);
            }
        }
        if (!b.problems().isEmpty()) throw new IllegalStateException(b.problems().toString());
        FindingCatalog c = b.build();
        CATALOGS.put(List.copyOf(bundles), c);
        return c;
    }

    /**
     * The catalog of the bundle whose tests run: its own {@code findings.properties}, under {@code basedir} (set by
     * surefire; the working directory otherwise), alone.
     */
    public static synchronized FindingCatalog ownCatalog() throws IOException {
        Path file = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .resolve(FindingCatalog.RESOURCE);
        List<String> key = List.of(file.toString());
        FindingCatalog known = CATALOGS.get(key);
        if (known != null) return known;
        FindingCatalog.Builder b = new FindingCatalog.Builder();
        try (InputStream in = Files.newInputStream(file)) {
            b.add(in, file.toString());
        }
        assertEquals(List.of(), b.problems(), "catalog problems");
        FindingCatalog c = b.build();
        CATALOGS.put(key, c);
        return c;
    }
}
