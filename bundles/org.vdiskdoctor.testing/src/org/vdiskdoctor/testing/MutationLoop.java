// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.vdiskdoctor.core.io.ImageSource;

/**
 * The seeded mutation loop each bundle runs in a JVM of its own ({@link MutationFork}): a fixed seed makes the same
 * mutants every run; each mutant goes to the target on a daemon thread with a per-input timeout, so a hang is caught
 * and reported instead of stalling the build. The first failing or hanging input is saved to the work folder as
 * {@code failing-<i><suffix>} or {@code hanging-<i><suffix>} to replay. A bundle keeps only its mutation strategy
 * ({@link Mutator}) and its target ({@link Target}).
 */
public final class MutationLoop {

    /** How long one input may run. */
    public static final long TIMEOUT_SECONDS = 10;

    /** One mutated input: where it came from, and how to save it for replay when it fails. */
    public interface Mutant {
        /** Which source image it was made from (for the report). */
        String source();

        /** Writes the input to {@code file}, or does nothing where the input cannot be saved whole. */
        void save(Path file) throws IOException;
    }

    /**
     * A mutant held as the first {@code length} bytes of {@code bytes}: the array may be a source mutated in place
     * (undone by the {@link Mutator} before the next input), so nothing is copied unless the input is saved.
     */
    public record Bytes(String source, byte[] bytes, int length) implements Mutant {
        /** A mutant that is the whole of {@code bytes}. */
        public Bytes(String source, byte[] bytes) {
            this(source, bytes, bytes.length);
        }

        @Override
        public void save(Path file) throws IOException {
            Files.write(file, Arrays.copyOf(bytes, length));
        }

        /** The input as a raw guest disk named after {@code named}. */
        public MemoryDisk disk(ImageSource named) {
            return new MemoryDisk(named, bytes, length);
        }
    }

    /** Makes input {@code iteration} from the loop's random stream (the only source of randomness). */
    @FunctionalInterface
    public interface Mutator<M extends Mutant> {
        M next(int iteration, Random rnd) throws Exception;
    }

    /**
     * Runs the code under test on one input; any exception fails the loop.
     *
     * @return whether to count this input in the report (for example: it gave findings)
     */
    @FunctionalInterface
    public interface Target<M extends Mutant> {
        boolean run(int iteration, M mutant) throws Exception;
    }

    /**
     * How a loop ended.
     *
     * @param exit 0 when every input passed, 1 when one threw, 2 when one hung (the forked JVM's exit code)
     * @param report the summary line ({@code "<name>: <n> iterations in ..."}) or what the failing input did
     */
    public record Outcome(int exit, String report) {
    }

    private final String name;
    private final long seed;
    private final int iterations;
    private final Path dir;
    private final String suffix;
    private final String counted;

    /**
     * @param name starts the summary line, e.g. "ext4 mutation loop"
     * @param dir the work folder: sources, mutants, saved failing inputs
     * @param suffix the saved inputs' file name suffix, e.g. ".img"
     * @param counted what {@link Target#run} counts, e.g. "with findings", or null for no count in the report
     */
    public MutationLoop(String name, long seed, int iterations, Path dir, String suffix, String counted) {
        this.name = name;
        this.seed = seed;
        this.iterations = iterations;
        this.dir = dir;
        this.suffix = suffix;
        this.counted = counted;
    }

    /** A loop from a forked main's arguments: {@code <seed> <iterations> <work dir> [...]}. */
    public static MutationLoop fromArgs(String name, String[] args, String suffix, String counted) {
        return new MutationLoop(name, Long.parseLong(args[0]), Integer.parseInt(args[1]), Path.of(args[2]), suffix,
                counted);
    }

    /** The work folder. */
    public Path dir() {
        return dir;
    }

    /** Runs every iteration, stopping at the first input that throws or hangs. */
    public <M extends Mutant> Outcome run(Mutator<M> mutator, Target<M> target) throws Exception {
        Random rnd = new Random(seed);
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            // a daemon, so that a hung input cannot keep the forked JVM alive after it reported
            Thread t = new Thread(r, "mutant");
            t.setDaemon(true);
            return t;
        });
        long t0 = System.nanoTime();
        int count = 0;
        try {
            for (int i = 0; i < iterations; i++) {
                M m = mutator.next(i, rnd);
                int iteration = i;
                Future<Boolean> run = exec.submit(() -> target.run(iteration, m));
                String which = "iteration " + i + " (" + m.source() + ", seed " + seed + ")";
                try {
                    if (run.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) count++;
                } catch (TimeoutException e) {
                    m.save(dir.resolve("hanging-" + i + suffix));
                    return new Outcome(2, which + " ran over " + TIMEOUT_SECONDS + " s");
                } catch (ExecutionException e) {
                    m.save(dir.resolve("failing-" + i + suffix));
                    StringWriter w = new StringWriter();
                    e.getCause().printStackTrace(new PrintWriter(w));
                    return new Outcome(1, which + " threw: " + w);
                }
            }
        } finally {
            exec.shutdownNow();
        }
        return new Outcome(0, name + ": " + iterations + " iterations in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms, "
                + (counted == null ? "" : count + " " + counted + ", ") + "max heap "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
    }

    /** Prints the report and ends the forked JVM with the outcome's exit code. */
    public static void exit(Outcome outcome) {
        System.out.println(outcome.report());
        System.exit(outcome.exit());
    }
}
