// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.engine;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.io.OutOfBoundsReadException;
import org.vdiskdoctor.core.io.PathInspector.Inspection;

/** Turns what the file system says about a path into findings. */
final class FileFindings {
    private FileFindings() {
    }

    /** A finding for a path whose kind the engine will not open. */
    static Finding forKind(Path path, Inspection in) {
        FindingCode code;
        String msg;
        switch (in.kind()) {
            case MISSING -> {
                code = CoreCodes.FILE_MISSING;
                msg = path + ": " + in.detail();
            }
            case NO_PERMISSION -> {
                code = CoreCodes.FILE_PERMISSION_DENIED;
                msg = path + ": permission denied (this user cannot reach or read it)";
            }
            case FIFO -> {
                code = CoreCodes.FILE_FIFO;
                msg = path + " is a named pipe (FIFO); it was not opened";
            }
            case CHAR_DEVICE -> {
                code = CoreCodes.FILE_CHAR_DEVICE;
                msg = path + " is a character device; it was not read";
            }
            case SOCKET -> {
                code = CoreCodes.FILE_SOCKET;
                msg = path + " is a socket; it was not read";
            }
            case SYMLINK_LOOP -> {
                code = CoreCodes.FILE_SYMLINK_LOOP;
                msg = path + ": symbolic links loop (" + in.detail() + ")";
            }
            default -> {
                code = CoreCodes.FILE_UNSUPPORTED_TYPE;
                msg = path + " is not a regular file or block device" + (in.detail().isEmpty() ? "" : ": " + in.detail());
            }
        }
        return Finding.of(code, msg).file(path).build();
    }

    /**
     * A finding for an I/O failure while reading {@code path}. An over-long read inside the file is a driver bug
     * and gives {@code core.engine.internal-error} (see {@link #isToolFailure}).
     */
    static Finding forIo(Path path, IOException e) {
        if (e instanceof OutOfBoundsReadException oob && oob.beyondEnd()) {
            Finding.Builder f = Finding.of(CoreCodes.FILE_TRUNCATED, path + ": a structure at offset " + oob.offset()
                    + " (" + oob.length() + " bytes) lies beyond the end of the file (" + oob.size() + " bytes)");
            // a damaged u64 field can make the offset negative; Evidence only takes real byte ranges
            if (oob.offset() >= 0 && oob.length() >= 0) f.at(path, oob.offset(), oob.length()); else f.file(path);
            return f.build();
        }
        if (e instanceof OutOfBoundsReadException oob) {
            // inside the file but over ImageSource.MAX_READ: the driver failed to bound or chunk a table read
            return Finding.of(CoreCodes.ENGINE_INTERNAL_ERROR, path + ": internal error: " + oob.getMessage()
                    + " (the format driver must check sizes and read large tables in chunks)").file(path).build();
        }
        if (e instanceof AccessDeniedException) {
            return Finding.of(CoreCodes.FILE_PERMISSION_DENIED, path + ": permission denied when opening for reading")
                    .file(path).build();
        }
        if (e instanceof NoSuchFileException) {
            return Finding.of(CoreCodes.FILE_MISSING, path + ": no such file").file(path).build();
        }
        return Finding.of(CoreCodes.FILE_IO_ERROR, path + ": " + e.getClass().getSimpleName() + ": " + e.getMessage())
                .file(path).build();
    }

    /** Whether {@code f} means the tool, not the image, failed: the subject is then marked as a tool failure. */
    static boolean isToolFailure(Finding f) {
        return f.code().equals(CoreCodes.ENGINE_INTERNAL_ERROR) || f.code().equals(CoreCodes.ENGINE_BUDGET_EXCEEDED);
    }
}
