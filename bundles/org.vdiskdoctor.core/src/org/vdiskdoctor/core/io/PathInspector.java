// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Classifies a path before anything opens it. Symbolic links are resolved with {@link Path#toRealPath} (a loop is
 * reported as {@link FileKind#SYMLINK_LOOP}); the target is then inspected with {@code NOFOLLOW_LINKS}, so a FIFO
 * never blocks a scan.
 */
public final class PathInspector {

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private PathInspector() {
    }

    /** The kind of the path and, when it exists, its real path. */
    public record Inspection(FileKind kind, Path realPath, String detail) {
    }

    public static Inspection inspect(Path path) {
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            return new Inspection(FileKind.MISSING, null,
                    Files.isSymbolicLink(path) ? "dangling symbolic link" : "no such file");
        } catch (AccessDeniedException e) {
            return new Inspection(FileKind.NO_PERMISSION, null, "permission denied");
        } catch (FileSystemException e) {
            // ELOOP arrives as a plain FileSystemException whose reason is strerror() text, which the JVM
            // localises (LC_MESSAGES): decide by walking the links ourselves, never by the message.
            String reason = String.valueOf(e.getReason());
            if (SymlinkWalk.loops(path)) return new Inspection(FileKind.SYMLINK_LOOP, null, reason);
            return new Inspection(FileKind.OTHER, null, reason);
        } catch (IOException e) {
            return new Inspection(FileKind.OTHER, null, String.valueOf(e.getMessage()));
        }
        try {
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isRegularFile()) return new Inspection(FileKind.REGULAR, real, "");
            if (a.isDirectory()) return new Inspection(FileKind.DIRECTORY, real, "");
            int mode = (Integer) Files.getAttribute(real, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            FileKind k = switch (mode & S_IFMT) {
                case S_IFIFO -> FileKind.FIFO;
                case S_IFCHR -> FileKind.CHAR_DEVICE;
                case S_IFBLK -> FileKind.BLOCK_DEVICE;
                case S_IFSOCK -> FileKind.SOCKET;
                default -> FileKind.OTHER;
            };
            return new Inspection(k, real, "");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return new Inspection(FileKind.OTHER, real, "file type unknown on this platform");
        } catch (IOException e) {
            return new Inspection(FileKind.OTHER, real, String.valueOf(e.getMessage()));
        }
    }
}
