// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.vdiskdoctor.core.spi.Monitor;

/** Running real programs: found or not, time limit, bounded output, cancel, C locale. */
class ExternalToolTest {

    @Test
    void findsInstalledToolsAndNotMissingOnes() {
        assertEquals("/usr/sbin/e2fsck", ExternalTool.find("e2fsck").orElseThrow().toString(),
                "sbin folders are searched even when PATH lacks them");
        assertTrue(ExternalTool.find("no-such-tool-vdisk-doctor").isEmpty());
        assertTrue(ExternalTool.find("../bin/sh").isEmpty(), "a name, never a path");
    }

    @Test
    void capturesOutputAndExitCodeInTheCLocale() throws IOException {
        ExternalTool.Result r = ExternalTool.run(List.of("sh", "-c", "echo out; echo err >&2; echo $LC_ALL; exit 4"),
                Duration.ofSeconds(20), Monitor.NONE);
        assertEquals(4, r.exitCode());
        assertEquals("out\nerr\nC\n", r.output());
        assertFalse(r.timedOut());
        assertFalse(r.truncated());
    }

    @Test
    void aToolThatHangsIsKilledAtTheTimeLimit() {
        ExternalTool.Result r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> ExternalTool.run(
                List.of("sh", "-c", "echo started; sleep 300"), Duration.ofMillis(500), Monitor.NONE));
        assertTrue(r.timedOut());
        assertEquals(-1, r.exitCode());
        assertTrue(r.output().startsWith("started\n"), r.output());
    }

    @Test
    void hugeOutputIsCutNotBuffered() throws IOException {
        ExternalTool.Result r = ExternalTool.run(List.of("sh", "-c", "head -c 5000000 /dev/zero | tr '\\0' x"),
                Duration.ofSeconds(30), Monitor.NONE);
        assertEquals(0, r.exitCode(), "the tool was never blocked on a full pipe");
        assertTrue(r.truncated());
        assertEquals(ExternalTool.MAX_OUTPUT, r.output().length());
    }

    @Test
    void cancelKillsTheTool() {
        AtomicInteger polls = new AtomicInteger();
        Monitor cancelLater = new Monitor() {
            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long units) {
            }

            @Override
            public boolean isCanceled() {
                return false;
            }

            @Override
            public void checkpoint() {
                if (polls.incrementAndGet() > 5) throw new CanceledException();
            }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(Monitor.CanceledException.class,
                () -> ExternalTool.run(List.of("sleep", "300"), Duration.ofMinutes(5), cancelLater)));
    }

    @Test
    void aProgramThatCannotStartIsAnIoError() {
        assertThrows(IOException.class, () -> ExternalTool.run(List.of("/nonexistent/tool"), Duration.ofSeconds(5),
                Monitor.NONE));
    }
}
