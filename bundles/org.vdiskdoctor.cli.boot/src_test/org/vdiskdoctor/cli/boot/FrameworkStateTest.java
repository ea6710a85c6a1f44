// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kept framework state: made once, ready only when finished, made again for another bundle list. */
class FrameworkStateTest {

    @Test
    void madeOnceThenReadyAndNotMadeAgain(@TempDir Path tmp) throws Exception {
        FrameworkState state = new FrameworkState(tmp.resolve("state"), "a,1\n");
        assertFalse(state.isReady());
        AtomicInteger made = new AtomicInteger();
        state.make(folder -> {
            made.incrementAndGet();
            assertFalse(state.isReady(), "not ready while it is being made");
        }, false);
        assertTrue(state.isReady());
        state.make(folder -> made.incrementAndGet(), false);
        assertEquals(1, made.get(), "a ready state is not made again");
        state.make(folder -> made.incrementAndGet(), true);
        assertEquals(2, made.get(), "unless forced");
        assertTrue(state.isReady());
    }

    @Test
    void aStateOfAnotherBundleListOrAGarbledMarkerIsNotReady(@TempDir Path tmp) throws Exception {
        Path folder = tmp.resolve("state");
        new FrameworkState(folder, "a,1\n").make(f -> { }, false);
        assertFalse(new FrameworkState(folder, "a,2\n").isReady());
        Files.write(folder.resolve(FrameworkState.MARKER), new byte[] { (byte) 0xff, 0, 1 });
        assertFalse(new FrameworkState(folder, "a,1\n").isReady());
    }

    @Test
    void aFailedMakingLeavesTheStateNotReady(@TempDir Path tmp) throws Exception {
        FrameworkState state = new FrameworkState(tmp.resolve("state"), "a,1\n");
        state.make(f -> { }, false);
        assertThrows(LaunchException.class, () -> state.make(f -> {
            throw new LaunchException("no framework");
        }, true));
        assertFalse(state.isReady(), "the old marker was removed before the making started");
    }

    @Test
    void anUnwritableFolderIsAnIOExceptionForTheCallerToRunWithout(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        FrameworkState state = new FrameworkState(file.resolve("state"), "a,1\n");
        assertThrows(IOException.class, () -> state.make(f -> { }, false));
        assertFalse(state.isReady());
    }
}
