// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.Monitor;

/** The consistency check reports progress in units it announced, and stops at a checkpoint when cancelled. */
class Qcow2CheckProgressTest {

    @TempDir
    Path dir;

    /** Records begin/worked calls; cancels after {@code cancelAfter} checkpoints (never when negative). */
    private static final class Recording implements Monitor {
        final List<String> tasks = new ArrayList<>();
        final List<long[]> work = new ArrayList<>(); // {total, worked}
        final int cancelAfter;
        int checkpoints;

        Recording(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void begin(String task, long totalWork) {
            tasks.add(task);
            work.add(new long[] { totalWork, 0 });
        }

        @Override
        public void worked(long units) {
            work.get(work.size() - 1)[1] += units;
        }

        @Override
        public boolean isCanceled() {
            return cancelAfter >= 0 && checkpoints >= cancelAfter;
        }

        @Override
        public void checkpoint() {
            checkpoints++;
            if (cancelAfter >= 0 && checkpoints > cancelAfter) throw new CanceledException();
        }
    }

    private Path image() throws Exception {
        Path f = Qcow2Fixture.create(dir, "p.qcow2", "-o", "cluster_size=4096");
        Qcow2CheckFixture.qemuIo(f, "write -q -P 1 0 768k");
        return f;
    }

    private static void check(Path f, Monitor m) throws Exception {
        try (ImageSource src = ImageSource.open(f)) {
            new Qcow2Driver().open(src, x -> { }, m).check(x -> { }, m);
        }
    }

    @Test
    void progressCountsL2TablesAndComparedChunks() throws Exception {
        Recording m = new Recording(-1);
        check(image(), m);
        int i = m.tasks.indexOf("checking refcounts of p.qcow2");
        assertTrue(i >= 0, m.tasks::toString);
        long[] w = m.work.get(i);
        assertEquals(1 + 1, w[0], "one L2 table (it maps 2 MiB with 4 KiB clusters) and one chunk to compare");
        assertEquals(w[0], w[1]);
        assertTrue(m.checkpoints > 3, "checkpoints: " + m.checkpoints);
    }

    @Test
    void cancellationStopsTheCheck() throws Exception {
        Path f = image();
        assertThrows(Monitor.CanceledException.class, () -> check(f, new Recording(3)));
    }
}
