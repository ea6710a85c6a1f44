// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import java.io.IOException;
import java.util.List;

import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.Volume;

/**
 * Finds the partitions a partition table of one kind describes, so that {@link VolumeProbe}s can look inside them.
 * Contributed as a DS service with the component property {@value #ID_PROPERTY}. A locator is quiet: problems with
 * the table are the matching {@link DiskProbe}'s to report, except what a real tool says in {@link #deepCheck}. It
 * returns only partitions that lie inside the disk.
 */
public interface VolumeLocator {

    String ID_PROPERTY = "vdiskdoctor.locator";

    String id();

    /** The partitions of this kind of table, in table order; empty when the disk has no such table. */
    List<Volume> locate(GuestDisk disk, Monitor monitor) throws IOException;

    /** The table as a structure tree for {@code inspect} and the Disk Inspector; {@code null} when there is none. */
    StructureNode describe(GuestDisk disk, Monitor monitor) throws IOException;

    /**
     * The deep check of this kind of table by the real tool (e.g. {@code sgdisk -v}), through
     * {@link org.vdiskdoctor.core.tools.DeepRun}. The engine calls it only when deep checks are on
     * ({@code wholeDisk.deepCheck().enabled()}); it does nothing unless this locator finds its table on the disk.
     * Unlike {@link #locate}, it reports findings: what the tool said, with the bundle's own codes.
     *
     * @param wholeDisk the whole guest disk as one volume, carrying the deep-check settings
     */
    default void deepCheck(GuestVolume wholeDisk, FindingSink sink, Monitor monitor) throws IOException {
    }
}
