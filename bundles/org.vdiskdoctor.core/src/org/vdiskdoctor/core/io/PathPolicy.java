// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Decides whether a file name taken from an image or a config (a backing file, an extent, a parent locator) may be
 * followed: it must resolve, after symbolic links, inside one of the folders the user chose, unless the user allowed
 * paths outside them.
 */
public final class PathPolicy {

    private final List<Path> allowedRoots;
    private final boolean allowOutside;

    private PathPolicy(List<Path> allowedRoots, boolean allowOutside) {
        this.allowedRoots = List.copyOf(allowedRoots);
        this.allowOutside = allowOutside;
    }

    /** Only inside the given folders (each resolved to its real path). */
    public static PathPolicy within(List<Path> folders, boolean allowOutside) {
        List<Path> roots = new ArrayList<>();
        for (Path f : folders) {
            Path abs = f.toAbsolutePath().normalize();
            try {
                roots.add(abs.toRealPath());
            } catch (IOException e) {
                roots.add(abs);
            }
        }
        return new PathPolicy(roots, allowOutside);
    }

    public List<Path> allowedRoots() {
        return allowedRoots;
    }

    public boolean allowOutside() {
        return allowOutside;
    }

    /** The outcome of resolving a stored name. */
    public sealed interface Resolution permits Inside, Escapes, Invalid {
    }

    /** Resolved to {@code path} (real path when it exists), inside the allowed folders or allowed by option. */
    public record Inside(Path path, boolean exists) implements Resolution {
    }

    /** Resolves to {@code path}, outside every allowed folder. */
    public record Escapes(Path path) implements Resolution {
    }

    /** The stored name cannot be a path at all (NUL byte, empty, not valid on this platform). */
    public record Invalid(String reason) implements Resolution {
    }

    /**
     * Resolves {@code storedName} the way the hypervisor does: relative names against the folder of
     * {@code referrer}, absolute names as they are.
     */
    public Resolution resolve(Path referrer, String storedName) {
        if (storedName == null || storedName.isEmpty()) return new Invalid("empty name");
        if (storedName.indexOf('\0') >= 0) return new Invalid("name contains a NUL byte");
        Path target;
        try {
            Path folder = referrer.toAbsolutePath().getParent();
            // not normalized: like open(2), "link/../x" must go through the link first, then up
            target = folder.resolve(storedName);
        } catch (java.nio.file.InvalidPathException e) {
            return new Invalid(e.getReason());
        }
        boolean exists;
        Path real;
        try {
            real = target.toRealPath();
            exists = true;
        } catch (IOException e) {
            real = realPrefix(target);
            exists = false;
        }
        if (allowOutside || isInside(real)) return new Inside(real, exists);
        return new Escapes(real);
    }

    /** True when {@code real} (a real path) lies inside one of the allowed folders. */
    public boolean isInside(Path real) {
        for (Path root : allowedRoots) {
            if (real.startsWith(root)) return true;
        }
        return false;
    }

    /**
     * For a path that does not exist: the real path of its longest existing prefix, with the rest appended and
     * normalized (what does not exist holds no links, so lexical ".." is right there).
     */
    private static Path realPrefix(Path target) {
        Deque<Path> rest = new ArrayDeque<>();
        for (Path at = target; at != null; at = at.getParent()) {
            try {
                Path r = at.toRealPath();
                for (Path name : rest) r = r.resolve(name);
                return r.normalize();
            } catch (IOException e) {
                if (at.getFileName() != null) rest.push(at.getFileName());
            }
        }
        return target.normalize();
    }
}
