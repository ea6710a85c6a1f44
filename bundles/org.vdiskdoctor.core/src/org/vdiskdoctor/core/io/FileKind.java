// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.io;

/** What a path is, found without following links and without opening it. */
public enum FileKind {
    REGULAR, DIRECTORY, BLOCK_DEVICE, CHAR_DEVICE, FIFO, SOCKET, SYMLINK_LOOP, MISSING, NO_PERMISSION, OTHER;

    /** Whether the engine may open it for reading (a FIFO or a character device could block or never end). */
    public boolean readable() {
        return this == REGULAR || this == BLOCK_DEVICE;
    }
}
