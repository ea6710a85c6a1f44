// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.io.PathInspector.Inspection;
import org.vdiskdoctor.core.testing.Fixtures;

class PathInspectorTest {

    @TempDir
    Path tmp;

    @Test
    void regularFile() throws IOException {
        Path f = Files.writeString(tmp.resolve("a.img"), "x");
        Inspection in = PathInspector.inspect(f);
        assertEquals(FileKind.REGULAR, in.kind());
        assertEquals(f.toRealPath(), in.realPath());
        assertTrue(in.kind().readable());
    }

    @Test
    void symlinkToRegularFileGivesTheTarget() throws IOException {
        Path f = Files.writeString(tmp.resolve("a.img"), "x");
        Path link = Files.createSymbolicLink(tmp.resolve("link.img"), f.getFileName());
        Inspection in = PathInspector.inspect(link);
        assertEquals(FileKind.REGULAR, in.kind());
        assertEquals(f.toRealPath(), in.realPath());
    }

    @Test
    void directory() {
        Inspection in = PathInspector.inspect(tmp);
        assertEquals(FileKind.DIRECTORY, in.kind());
        assertFalse(in.kind().readable());
    }

    @Test
    void missing() {
        Inspection in = PathInspector.inspect(tmp.resolve("nope.img"));
        assertEquals(FileKind.MISSING, in.kind());
        assertNull(in.realPath());
        assertEquals("no such file", in.detail());
    }

    @Test
    void danglingSymlink() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("dangling.img"), tmp.resolve("gone.img"));
        Inspection in = PathInspector.inspect(link);
        assertEquals(FileKind.MISSING, in.kind());
        assertEquals("dangling symbolic link", in.detail());
    }

    @Test
    void symlinkLoopOfTwo() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        assertEquals(FileKind.SYMLINK_LOOP, PathInspector.inspect(a).kind());
        assertEquals(FileKind.SYMLINK_LOOP, PathInspector.inspect(b).kind());
        assertTrue(SymlinkWalk.loops(a));
    }

    @Test
    void symlinkToItself() throws IOException {
        Path self = Files.createSymbolicLink(tmp.resolve("self.img"), Path.of("self.img"));
        assertEquals(FileKind.SYMLINK_LOOP, PathInspector.inspect(self).kind());
    }

    @Test
    void loopInAFolderComponent() throws IOException {
        Files.createSymbolicLink(tmp.resolve("d1"), Path.of("d2"));
        Files.createSymbolicLink(tmp.resolve("d2"), Path.of("d1"));
        assertEquals(FileKind.SYMLINK_LOOP, PathInspector.inspect(tmp.resolve("d1/disk.img")).kind());
    }

    @Test
    void symlinkWalkCountsLinksLikeTheKernel() throws IOException {
        Path real = Files.writeString(tmp.resolve("target.img"), "x");
        Path prev = real;
        for (int i = 0; i < SymlinkWalk.MAX_LINKS; i++) {
            prev = Files.createSymbolicLink(tmp.resolve("l" + i), prev.getFileName());
        }
        // 40 links resolve: no loop, for the kernel and for the walk
        assertFalse(SymlinkWalk.loops(prev));
        assertEquals(FileKind.REGULAR, PathInspector.inspect(prev).kind());
        // one more is ELOOP for the kernel, and the walk agrees
        Path over = Files.createSymbolicLink(tmp.resolve("l-over"), prev.getFileName());
        assertTrue(SymlinkWalk.loops(over));
        assertEquals(FileKind.SYMLINK_LOOP, PathInspector.inspect(over).kind());
    }

    @Test
    void symlinkWalkFollowsDotDotPhysically() throws IOException {
        Path deep = Files.createDirectories(tmp.resolve("x/deep"));
        Files.createSymbolicLink(tmp.resolve("link"), deep);
        Files.createSymbolicLink(tmp.resolve("x/loop"), Path.of("loop"));
        // link/../loop is x/loop (through the link, then up), which loops; lexically it would be tmp/loop
        assertTrue(SymlinkWalk.loops(tmp.resolve("link/../loop")));
        assertFalse(SymlinkWalk.loops(tmp.resolve("link/../deep")));
        assertFalse(SymlinkWalk.loops(tmp.resolve("missing/file")));
    }

    @Test
    void fifo() throws Exception {
        Path fifo = tmp.resolve("pipe.img");
        Fixtures.mkfifo(fifo);
        Inspection in = PathInspector.inspect(fifo);
        assertEquals(FileKind.FIFO, in.kind());
        assertFalse(in.kind().readable());
    }

    @Test
    void characterDevice() {
        Inspection in = PathInspector.inspect(Path.of("/dev/null"));
        assertEquals(FileKind.CHAR_DEVICE, in.kind());
        assertFalse(in.kind().readable());
    }

    @Test
    void socket() throws IOException {
        Path sock = tmp.resolve("s.sock");
        try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(sock));
            assertEquals(FileKind.SOCKET, PathInspector.inspect(sock).kind());
        }
    }

    @Test
    void blockDevice() throws Exception {
        // A block device node of our own (loop0's numbers): classification needs only stat(2), never open(2).
        Path node = tmp.resolve("disk0");
        Process p = new ProcessBuilder("mknod", node.toString(), "b", "7", "0").inheritIO().start();
        assertEquals(0, p.waitFor(), "mknod (tests run as root)");
        Inspection in = PathInspector.inspect(node);
        assertEquals(FileKind.BLOCK_DEVICE, in.kind());
        assertTrue(in.kind().readable());
    }

    @Test
    void blockDeviceSizeSearchFindsTheEndOfAnyReadableChannel() throws IOException {
        // Containers often refuse open(2) on /dev/* even to root, so the end-seeking search that ImageSource uses
        // when a device reports size 0 is tested on regular files, whose true size is known: every size, always.
        for (long size : new long[] { 0, 1, 511, 512, 1_000_003, 64L << 20 }) {
            Path f = tmp.resolve("dev-" + size);
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.READ)) {
                if (size > 0) ch.write(java.nio.ByteBuffer.wrap(new byte[] { 1 }), size - 1);
                assertEquals(size, BlockDeviceSize.of(ch), "size " + size);
            }
        }
    }

}
