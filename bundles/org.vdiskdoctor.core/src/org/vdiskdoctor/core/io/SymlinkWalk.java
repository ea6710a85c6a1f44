// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a path's symbolic links one component at a time, the way the kernel does, counting the links followed.
 * Used to recognise a loop ({@code ELOOP}) without reading the localised error text.
 */
final class SymlinkWalk {

    /** Linux's {@code MAXSYMLINKS}: the kernel gives up (ELOOP) after this many links in one resolution. */
    static final int MAX_LINKS = 40;

    private SymlinkWalk() {
    }

    /** True when resolving {@code path} follows more than {@link #MAX_LINKS} symbolic links. */
    static boolean loops(Path path) {
        Path abs = path.toAbsolutePath();
        Path resolved = abs.getRoot();
        Deque<Path> pending = new ArrayDeque<>();
        for (Path name : abs) pending.addLast(name);
        int links = 0;
        while (!pending.isEmpty()) {
            String name = pending.pollFirst().toString();
            if (name.equals(".")) continue;
            if (name.equals("..")) {
                // resolved holds no links, so its lexical parent is its physical parent
                if (resolved.getParent() != null) resolved = resolved.getParent();
                continue;
            }
            Path next = resolved.resolve(name);
            if (!Files.isSymbolicLink(next)) {
                resolved = next;
                continue;
            }
            if (++links > MAX_LINKS) return true;
            Path target;
            try {
                target = Files.readSymbolicLink(next);
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
            if (target.isAbsolute()) resolved = target.getRoot();
            Deque<Path> front = new ArrayDeque<>();
            for (Path t : target) front.addLast(t);
            while (!front.isEmpty()) pending.addFirst(front.pollLast());
        }
        return false;
    }
}
