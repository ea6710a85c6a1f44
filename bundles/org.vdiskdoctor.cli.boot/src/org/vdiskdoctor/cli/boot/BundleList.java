// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The bundles of the product, as p2 wrote them when it materialized it: {@code configuration/
 * org.eclipse.equinox.simpleconfigurator/bundles.info}, one {@code name,version,location,startLevel,autoStart} line
 * per bundle, locations relative to the product folder. The framework itself, the Eclipse launcher and
 * simpleconfigurator (which the Eclipse launcher path needs, the command line does not) and this bundle are left out.
 */
final class BundleList {

    static final String FILE = "configuration/org.eclipse.equinox.simpleconfigurator/bundles.info";
    /** Not installed into the framework: the framework, the two pieces of the Eclipse launch, and the boot jar. */
    static final Set<String> NOT_INSTALLED = Set.of("org.eclipse.osgi", "org.eclipse.equinox.launcher",
            "org.eclipse.equinox.simpleconfigurator", "org.vdiskdoctor.cli.boot");
    /** A product has a few dozen bundles; a list far longer than that is not a bundles.info. */
    static final int MAX_BUNDLES = 2_000;

    /** One bundle: its jar (or folder) inside the product, its start level and whether it is started eagerly. */
    record Entry(String name, String version, Path file, int startLevel, boolean autoStart) {
        String location() {
            return "reference:" + file.toUri();
        }
    }

    private BundleList() {
    }

    /** Reads the list; every location must lie inside {@code product} and exist. */
    static List<Entry> read(Path product) throws LaunchException {
        Path file = product.resolve(FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LaunchException("cannot read the product's bundle list " + file + ": " + e.getMessage());
        }
        return parse(lines, product, file.toString());
    }

    static List<Entry> parse(List<String> lines, Path product, String source) throws LaunchException {
        Path root = product.toAbsolutePath().normalize();
        List<Entry> entries = new ArrayList<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split(",", -1);
            if (f.length != 5) throw bad(source, n, "expected name,version,location,startLevel,autoStart");
            if (NOT_INSTALLED.contains(f[0])) continue;
            if (entries.size() == MAX_BUNDLES) throw bad(source, n, "more than " + MAX_BUNDLES + " bundles");
            int level;
            try {
                level = Integer.parseInt(f[3]);
            } catch (NumberFormatException e) {
                throw bad(source, n, "start level '" + f[3] + "' is not a number");
            }
            if (level < 1 || level > 100) throw bad(source, n, "start level " + level + " is not in 1..100");
            if (!f[4].equals("true") && !f[4].equals("false")) throw bad(source, n, "autoStart is '" + f[4] + "'");
            Path jar = root.resolve(f[2]).normalize();
            if (!jar.startsWith(root)) throw bad(source, n, "location " + f[2] + " lies outside the product");
            if (!Files.exists(jar)) throw bad(source, n, "bundle " + jar + " is missing");
            entries.add(new Entry(f[0], f[1], jar, level, Boolean.parseBoolean(f[4])));
        }
        if (entries.isEmpty()) throw new LaunchException(source + " names no bundle");
        return List.copyOf(entries);
    }

    /** What gets installed (names, versions, files, levels), one line per bundle: a framework state made for
     *  another list is not used. Plain text, not a digest: a message digest costs more start-up time than comparing
     *  a few kilobytes. */
    static String fingerprint(List<Entry> entries) {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            sb.append(e.name()).append(',').append(e.version()).append(',').append(e.file()).append(',')
                    .append(e.startLevel()).append(',').append(e.autoStart()).append('\n');
        }
        return sb.toString();
    }

    /** The highest start level in a {@link #fingerprint} (1 when it names none): the framework's beginning level. */
    static int topLevel(String fingerprint) {
        int top = 1;
        for (String line : fingerprint.split("\n")) {
            String[] f = line.split(",");
            if (f.length < 5) continue;
            try {
                top = Math.max(top, Math.min(100, Integer.parseInt(f[f.length - 2])));
            } catch (NumberFormatException e) {
                // not a line of ours: the marker is compared with the real list before anything runs
            }
        }
        return top;
    }

    private static LaunchException bad(String source, int line, String what) {
        return new LaunchException(source + " line " + line + ": " + what);
    }
}
