// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recently opened images and folders, newest first, at most {@link #MAX}, kept in a small text file (one
 * path per line) so that they survive a restart. A file that cannot be read or written only loses the list.
 */
public final class RecentPaths {

    /** How many paths are kept. */
    public static final int MAX = 8;

    private final Path file;
    private final List<Path> paths = new ArrayList<>();

    /** Loads the list from {@code file} (which need not exist yet). */
    public RecentPaths(Path file) {
        this.file = file;
        try {
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && paths.size() < MAX) {
                        Path p = Path.of(line.strip());
                        if (!paths.contains(p)) paths.add(p);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            paths.clear(); // a damaged list is not worth an error dialog
        }
    }

    /** The paths, newest first. */
    public synchronized List<Path> list() {
        return List.copyOf(paths);
    }

    /** Puts {@code p} first (moving it when already listed), drops the oldest beyond {@link #MAX}, and saves. */
    public synchronized void add(Path p) {
        Path n = p.toAbsolutePath().normalize();
        paths.remove(n);
        paths.add(0, n);
        while (paths.size() > MAX) paths.remove(paths.size() - 1);
        save();
    }

    private void save() {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            List<String> lines = new ArrayList<>();
            for (Path p : paths) lines.add(p.toString());
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the list is a convenience; opening the image itself must not fail on it
        }
    }
}
