// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Whether and how volume probes may run the real filesystem tools ({@code e2fsck -n}, {@code xfs_repair -n},
 * {@code ntfsfix -n}, {@code fsck.fat -n}) on a volume: always read-only, with a time limit, and — when the tool
 * cannot read the volume where it lies — on a sparse temporary copy in {@code tempFolder} of at most
 * {@code maxCopyBytes}. Off unless the user asks ({@code --deep}).
 */
public record DeepCheck(boolean enabled, Path tempFolder, long maxCopyBytes, Duration timeout) {

    public static final long DEFAULT_MAX_COPY = 16L << 30;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    public static final DeepCheck OFF = new DeepCheck(false, null, 0, DEFAULT_TIMEOUT);

    public DeepCheck {
        if (enabled && tempFolder == null) throw new IllegalArgumentException("deep checks need a temporary folder");
        if (maxCopyBytes < 0) throw new IllegalArgumentException("maxCopyBytes < 0");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout <= 0");
        }
    }

    /** Deep checks on, copies in {@code tempFolder}, default limits. */
    public static DeepCheck in(Path tempFolder) {
        return new DeepCheck(true, tempFolder, DEFAULT_MAX_COPY, DEFAULT_TIMEOUT);
    }
}
