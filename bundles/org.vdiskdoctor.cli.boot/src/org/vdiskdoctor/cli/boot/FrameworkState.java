// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.boot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The framework's storage folder, kept between runs so that a run does not install the bundles again: made once,
 * under a lock, by whichever run finds it missing or made for another bundle list; then only read, by any number
 * of runs at once (each opens it read-only and never stops the framework, so nothing is written).
 * <p>
 * A marker file in the folder holds the {@link BundleList#fingerprint fingerprint} (the text) of the bundle list the state was
 * made for; it is written last, after the framework that made the state has stopped and saved everything (the module
 * database, SCR's component metadata), so a half-made state never looks ready.
 */
final class FrameworkState {

    static final String MARKER = "vdisk-doctor.ready";

    /** Makes a new state in the (emptied) folder: installs and starts the bundles, stops the framework. */
    @FunctionalInterface
    interface Maker {
        void make(Path folder) throws LaunchException;
    }

    private final Path folder;
    private final String fingerprint;

    FrameworkState(Path folder, String fingerprint) {
        this.folder = folder.toAbsolutePath().normalize();
        this.fingerprint = fingerprint;
    }

    Path folder() {
        return folder;
    }

    String fingerprint() {
        return fingerprint;
    }

    boolean isReady() {
        return fingerprint.equals(promised(folder));
    }

    /** What the marker of the state in {@code folder} says it was made for, or null (no marker, unreadable). */
    static String promised(Path folder) {
        try {
            return Files.readString(folder.toAbsolutePath().normalize().resolve(MARKER), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // unreadable or not text: made again
        }
    }

    /**
     * Makes the state unless another run made it while this one waited for the lock. {@code force} makes it again
     * even when the marker says it is ready (the state did not hold the bundles the marker promised).
     *
     * @throws IOException when the folder or its lock cannot be written: the caller runs without a kept state
     */
    void make(Maker maker, boolean force) throws IOException, LaunchException {
        Files.createDirectories(folder);
        Path lock = folder.resolveSibling(folder.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            if (isReady() && !force) return;
            Files.deleteIfExists(folder.resolve(MARKER));
            maker.make(folder);
            Path tmp = Files.createTempFile(folder, MARKER + ".", ".tmp");
            try {
                Files.writeString(tmp, fingerprint, StandardCharsets.UTF_8);
                Files.move(tmp, folder.resolve(MARKER), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
