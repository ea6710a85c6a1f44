// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import org.vdiskdoctor.core.spi.GuestDisk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import org.vdiskdoctor.core.spi.Monitor;

/**
 * A GPT partition array as one header describes it: NumberOfPartitionEntries entries of SizeOfPartitionEntry bytes
 * from PartitionEntryLBA, and the zlib CRC-32 over exactly those bytes.
 */
final class PartitionArray {

    private final long lba;
    private final long computedCrc;
    private final List<GptEntry> used;

    private PartitionArray(long lba, long computedCrc, List<GptEntry> used) {
        this.lba = lba;
        this.computedCrc = computedCrc;
        this.used = List.copyOf(used);
    }

    /**
     * Reads the array {@code header} names. The header must have no {@link GptHeader#defect}: that bounds the size to
     * {@link GptHeader#MAX_ARRAY_BYTES} and puts the array inside the disk.
     */
    static PartitionArray read(GuestDisk disk, GptHeader header, Monitor monitor) throws IOException {
        int bytes = (int) header.arrayBytes();
        ByteBuffer b = disk.read(header.entryLba, (int) header.arraySectors());
        CRC32 crc = new CRC32();
        crc.update(b.duplicate().limit(bytes));
        List<GptEntry> used = new ArrayList<>();
        int size = (int) header.entrySize;
        for (int i = 0; i < header.entryCount; i++) {
            if ((i & 1023) == 1023) monitor.checkpoint();
            GptEntry e = GptEntry.read(b, i * size, i + 1);
            if (e != null) used.add(e);
        }
        return new PartitionArray(header.entryLba, crc.getValue(), used);
    }

    long lba() {
        return lba;
    }

    long computedCrc() {
        return computedCrc;
    }

    /** The entries whose type GUID is not zero, in array order. */
    List<GptEntry> used() {
        return used;
    }
}
