// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Newest first, no duplicates, at most eight, and kept across restarts in a small file. */
class RecentPathsTest {

    @TempDir
    Path dir;

    @Test
    void newestFirstDeduplicatedCappedAndPersisted() {
        Path file = dir.resolve("state/recent.txt");
        RecentPaths r = new RecentPaths(file);
        assertEquals(List.of(), r.list());
        for (int i = 0; i < 10; i++) r.add(dir.resolve("disk" + i + ".img"));
        r.add(dir.resolve("x/../disk5.img"));
        List<Path> l = r.list();
        assertEquals(RecentPaths.MAX, l.size());
        assertEquals(dir.resolve("disk5.img"), l.get(0), "re-opened moves to the front, normalized");
        assertEquals(dir.resolve("disk9.img"), l.get(1));
        assertEquals(dir.resolve("disk2.img"), l.get(7), "disk0 and disk1 fell off");
        assertEquals(l, new RecentPaths(file).list(), "read back after a restart");
    }

    @Test
    void aDamagedOrForeignFileIsNoError() throws Exception {
        Path file = dir.resolve("recent.txt");
        Files.writeString(file, "\n/a.img\n/a.img\n\n/b.img\n");
        assertEquals(List.of(Path.of("/a.img"), Path.of("/b.img")), new RecentPaths(file).list());
        Path folderInTheWay = Files.createDirectory(dir.resolve("dir"));
        RecentPaths r = new RecentPaths(folderInTheWay);
        r.add(Path.of("/c.img")); // cannot save: the list still works
        assertEquals(List.of(Path.of("/c.img")), r.list());
    }
}
