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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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
 * Immutable; {@link Builder} assembles one from several bundles, {@link #lazy} looks codes up in the parts only when
 * asked (a diagnosis asks for the few codes it reports; building every entry of every bundle cost more start-up time
 * than a small diagnosis).
 */
public final class FindingCatalog {

    /** One bundle's catalog part. */
    public record Part(Properties properties, String origin) {
    }

    /** Where each bundle keeps its catalog part (found with {@code Bundle.getEntry} or a class loader). */
    public static final String RESOURCE = "META-INF/vdiskdoctor/findings.properties";

    private static final String[] KEYS = { "severity", "title", "explanation" };

    /** Every entry: given, or built from the parts the first time all are asked for. */
    private volatile Map<FindingCode, CatalogEntry> entries;
    /** The parts, for a lazy catalog (null otherwise). */
    private final Supplier<List<Part>> parts;
    private volatile List<Part> loaded;
    private final Map<FindingCode, Optional<CatalogEntry>> looked = new ConcurrentHashMap<>();

    private FindingCatalog(Map<FindingCode, CatalogEntry> entries) {
        this.entries = Map.copyOf(entries);
        this.parts = null;
    }

    private FindingCatalog(Supplier<List<Part>> parts) {
        this.parts = parts;
    }

    /**
     * A catalog that reads {@code parts} when a code is first looked up, and builds entries one code at a time; the
     * same answers as {@link Builder} over the same parts (an incomplete entry is absent).
     */
    public static FindingCatalog lazy(Supplier<List<Part>> parts) {
        return new FindingCatalog(parts);
    }

    private Map<FindingCode, CatalogEntry> all() {
        Map<FindingCode, CatalogEntry> m = entries;
        if (m == null) {
            Builder b = new Builder();
            for (Part p : parts()) b.add(p.properties(), p.origin());
            m = Map.copyOf(b.entries);
            entries = m;
        }
        return m;
    }

    private List<Part> parts() {
        List<Part> p = loaded;
        if (p == null) {
            p = List.copyOf(parts.get());
            loaded = p;
        }
        return p;
    }

    private CatalogEntry lookup(FindingCode code) {
        if (entries != null || parts == null) return all().get(code);
        return looked.computeIfAbsent(code, c -> {
            for (Part p : parts()) {
                CatalogEntry e = Builder.entryOf(p.properties(), c.value(), p.origin());
                if (e != null) return Optional.of(e);
            }
            return Optional.empty();
        }).orElse(null);
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
        return Optional.ofNullable(lookup(code));
    }

    /** The declared default, or {@link Severity#WARNING} for an undeclared code (a test forbids those). */
    public Severity defaultSeverity(FindingCode code) {
        CatalogEntry e = lookup(code);
        return e == null ? Severity.WARNING : e.defaultSeverity();
    }

    /** All entries, sorted by code. */
    public List<CatalogEntry> entries() {
        return List.copyOf(new TreeMap<>(all()).values());
    }

    public boolean contains(FindingCode code) {
        return lookup(code) != null;
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
                String problem = problem(p, c);
                if (problem != null) {
                    problems.add(origin + ": " + c + problem);
                    continue;
                }
                CatalogEntry entry = entryOf(p, c, origin);
                CatalogEntry prev = entries.put(entry.code(), entry);
                if (prev != null && !prev.origin().equals(origin)) {
                    problems.add(c + " is declared by both " + prev.origin() + " and " + origin);
                }
            }
            return this;
        }

        /** What is wrong with code {@code c}'s entry in {@code p} (": …"), or null when it is complete and valid. */
        static String problem(Properties p, String c) {
            String sev = p.getProperty(c + ".severity");
            String title = p.getProperty(c + ".title");
            String expl = p.getProperty(c + ".explanation");
            if (sev == null || title == null || expl == null || title.isBlank() || expl.isBlank()) {
                return " needs severity, title and explanation";
            }
            try {
                FindingCode.of(c);
                Severity.parse(sev);
            } catch (IllegalArgumentException e) {
                return ": " + e.getMessage();
            }
            return null;
        }

        /** Code {@code c}'s entry in {@code p}, or null when it has none or an incomplete or invalid one. */
        static CatalogEntry entryOf(Properties p, String c, String origin) {
            if (p.getProperty(c + ".severity") == null || problem(p, c) != null) return null;
            return new CatalogEntry(FindingCode.of(c), Severity.parse(p.getProperty(c + ".severity")),
                    p.getProperty(c + ".title").trim(), p.getProperty(c + ".explanation").trim(), origin);
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
