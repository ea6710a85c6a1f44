// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core;

import java.nio.file.Path;

/**
 * One image in a backing chain, top (the file the user named) first.
 *
 * @param path the resolved file, or {@code null} when the reference could not be resolved
 * @param reference the name as stored in the child (e.g. the QCOW2 backing file name); {@code null} for the top
 * @param format the detected format id, or {@code null} when not opened
 */
public record ChainLink(Path path, String reference, String format) {
    public boolean resolved() {
        return path != null && format != null;
    }
}
