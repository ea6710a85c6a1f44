// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.testing.DiagnoseMain;
import org.vdiskdoctor.core.testing.FakeDriver;
import org.vdiskdoctor.core.testing.Fixtures;

/**
 * Permission checks cannot be tested as root (root reads everything), so {@link DiagnoseMain} runs in a JVM as
 * uid 65534. Layout: tmp (755) / open (755) / {ok.img 644, noread.img 000}; tmp / locked (700, root) / disk.img.
 */
class PermissionDeniedTest {

    @TempDir
    Path tmp;

    @Test
    void unreadableFileAndUnreachableFolderAsAnotherUser() throws Exception {
        chmod(tmp, "rwxr-xr-x");
        Path open = Files.createDirectories(tmp.resolve("open"));
        chmod(open, "rwxr-xr-x");
        Path ok = Fixtures.write(open.resolve("ok.img"), FakeDriver.chain().header());
        chmod(ok, "rw-r--r--");
        Path noread = Fixtures.write(open.resolve("noread.img"), FakeDriver.chain().header());
        chmod(noread, "---------");
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        Path hidden = Fixtures.write(locked.resolve("disk.img"), FakeDriver.chain().header());
        chmod(locked, "rwx------");

        List<String> lines = Fixtures.runAsNobody(DiagnoseMain.class, ok.toString(), noread.toString(),
                hidden.toString()).lines().toList();

        assertEquals(List.of(
                // the control: the helper really runs as 65534 and can diagnose what it may read
                ok + " uid=65534 kind=REGULAR codes=",
                // the inode is visible, opening it for reading is refused
                noread + " uid=65534 kind=REGULAR codes=core.file.permission-denied",
                // the folder cannot be searched: even its kind is unknown
                hidden + " uid=65534 kind=NO_PERMISSION codes=core.file.permission-denied"), lines);
    }

    private static void chmod(Path p, String perms) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }
}
