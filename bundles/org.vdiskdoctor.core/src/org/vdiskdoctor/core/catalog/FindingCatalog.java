// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;

/**
 * The finding-code catalog: every code any installed bundle can emit, read from each bundle's
 * {@value #RESOURCE} without activating its code. The file is a properties file with three keys per code:
 *
 * <pre>
 * qcow2.header.bad-magic.severity    = error
 * qcow2.header.bad-magic.title       = Not a QCOW2 header
 * qcow2.header.bad-magic.explanation = The first four bytes are not QFI\xfb …
 * </pre>
 *
 * Immutable; {@link Builder} assembles one from several bundles.
 */
public final class FindingCatalog {

    /** Where each bundle keeps its catalog part (found with {@code Bundle.getEntry} or a class loader). */
    public static final String RESOURCE = "META-INF/vdiskdoctor/findings.properties";

    private static final String[] KEYS = { "severity", "title", "explanation" };

    private final Map<FindingCode, CatalogEntry> entries;

    private FindingCatalog(Map<FindingCode, CatalogEntry> entries) {
        this.entries = Map.copyOf(entries);
    }

    public static FindingCatalog empty() {
        return new FindingCatalog(Map.of());
    }

    /** The catalog parts visible to {@code loader} (plain unit tests, where every bundle is on the class path). */
    public static FindingCatalog fromClassLoader(ClassLoader loader) {
        Builder b = new Builder();
        try {
            Enumeration<URL> urls = loader.getResources(RESOURCE);
            while (urls.hasMoreElements()) {
                URL u = urls.nextElement();
                try (InputStream in = u.openStream()) {
                    b.add(in, u.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.build();
    }

    public Optional<CatalogEntry> entry(FindingCode code) {
        return Optional.ofNullable(entries.get(code));
    }

    /** The declared default, or {@link Severity#WARNING} for an undeclared code (a test forbids those). */
    public Severity defaultSeverity(FindingCode code) {
        CatalogEntry e = entries.get(code);
        return e == null ? Severity.WARNING : e.defaultSeverity();
    }

    /** All entries, sorted by code. */
    public List<CatalogEntry> entries() {
        return List.copyOf(new TreeMap<>(entries).values());
    }

    public boolean contains(FindingCode code) {
        return entries.containsKey(code);
    }

    /** Collects catalog parts; a code declared twice or an incomplete entry is an error. */
    public static final class Builder {
        private final Map<FindingCode, CatalogEntry> entries = new TreeMap<>();
        private final List<String> problems = new ArrayList<>();

        public Builder add(InputStream in, String origin) throws IOException {
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            add(p, origin);
            return this;
        }

        public Builder add(Properties p, String origin) {
            Collection<String> codes = new TreeSet<>();
            for (String key : p.stringPropertyNames()) {
                int dot = key.lastIndexOf('.');
                if (dot < 0 || !List.of(KEYS).contains(key.substring(dot + 1))) {
                    problems.add(origin + ": unknown key " + key);
                    continue;
                }
                codes.add(key.substring(0, dot));
            }
            for (String c : codes) {
                String sev = p.getProperty(c + ".severity");
                String title = p.getProperty(c + ".title");
                String expl = p.getProperty(c + ".explanation");
                if (sev == null || title == null || expl == null || title.isBlank() || expl.isBlank()) {
                    problems.add(origin + ": " + c + " needs severity, title and explanation");
                    continue;
                }
                FindingCode code;
                Severity severity;
                try {
                    code = FindingCode.of(c);
                    severity = Severity.parse(sev);
                } catch (IllegalArgumentException e) {
                    problems.add(origin + ": " + c + ": " + e.getMessage());
                    continue;
                }
                CatalogEntry prev = entries.put(code, new CatalogEntry(code, severity, title.trim(), expl.trim(), origin));
                if (prev != null && !prev.origin().equals(origin)) {
                    problems.add(c + " is declared by both " + prev.origin() + " and " + origin);
                }
            }
            return this;
        }

        /** Problems seen so far (duplicate codes, incomplete entries). */
        public List<String> problems() {
            return List.copyOf(problems);
        }

        public FindingCatalog build() {
            return new FindingCatalog(entries);
        }
    }
}
