// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a bundle's mutation main ({@link MutationLoop}) in a JVM of its own with a 256 MiB heap, so that an
 * allocation sized by a damaged field (an OutOfMemoryError) or a hang fails the test instead of hiding in the big
 * test heap; the test's class path and {@code vdiskdoctor.repo} go along.
 */
public final class MutationFork {

    /** The forked JVM's heap limit. */
    public static final String HEAP = "-Xmx256m";

    /** How long the whole forked loop may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(300);

    private MutationFork() {
    }

    /**
     * Forks {@code main} with {@code <seed> <iterations> <dir> more...}, working in {@code dir}; asserts that it
     * exited 0 and reported all {@code iterations}.
     *
     * @return its output, printed too
     */
    public static String run(Class<?> main, long seed, int iterations, Path dir, String... more) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, HEAP,
                "-Dvdiskdoctor.repo=" + System.getProperty("vdiskdoctor.repo"), "-cp",
                System.getProperty("java.class.path"), main.getName(), Long.toString(seed),
                Integer.toString(iterations), dir.toString()));
        cmd.addAll(List.of(more));
        Tools.Run r = Tools.exec(TIMEOUT, null, cmd.toArray(String[]::new));
        System.out.println(r.out());
        assertEquals(0, r.exit(), () -> "the forked mutation loop failed:\n" + r.out());
        assertTrue(r.out().contains(iterations + " iterations"), r::out);
        return r.out();
    }
}
