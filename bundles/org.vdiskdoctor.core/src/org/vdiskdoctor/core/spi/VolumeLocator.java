// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import java.io.IOException;
import java.util.List;

import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.Volume;

/**
 * Finds the partitions a partition table of one kind describes, so that {@link VolumeProbe}s can look inside them.
 * Contributed as a DS service with the component property {@value #ID_PROPERTY}. A locator is quiet: problems with
 * the table are the matching {@link DiskProbe}'s to report. It returns only partitions that lie inside the disk.
 */
public interface VolumeLocator {

    String ID_PROPERTY = "vdiskdoctor.locator";

    String id();

    /** The partitions of this kind of table, in table order; empty when the disk has no such table. */
    List<Volume> locate(GuestDisk disk, Monitor monitor) throws IOException;

    /** The table as a structure tree for {@code inspect} and the Disk Inspector; {@code null} when there is none. */
    StructureNode describe(GuestDisk disk, Monitor monitor) throws IOException;
}
