// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.putByte;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.putLe32;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.putLe64;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.run;
import static org.vdiskdoctor.format.vmdk.internal.VmdkFixture.sparse;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.format.vmdk.VmdkCodes;
import org.vdiskdoctor.testing.DriverRun;

/**
 * Faults in the hosted sparse header, each made by byte surgery on a qemu-img monolithicSparse (or streamOptimized)
 * image. Offsets are those of VMware's SparseExtentHeader, little endian.
 */
class VmdkHeaderFaultsTest {

    @TempDir
    Path dir;

    @Test
    void fileNamedVmdkWithoutMagicOrDescriptor() throws Exception {
        Path f = dir.resolve("junk.vmdk");
        Files.writeString(f, "hello, this was a VMDK before an editor saved over it\n");
        DriverRun r = run(f);
        assertEquals(FormatDriver.SCORE_NAME_ONLY, r.score());
        assertTrue(r.has(VmdkCodes.HEADER_BAD_MAGIC), r::toString);
    }

    @Test
    void unknownVersion() throws Exception {
        Path f = sparse(dir, "v.vmdk");
        putLe32(f, SparseHeader.OFF_VERSION, 7); // fault: version 7
        DriverRun r = run(f);
        assertEquals(FormatDriver.SCORE_LIKELY, r.score());
        assertTrue(r.has(VmdkCodes.HEADER_UNSUPPORTED_VERSION), r::toString);
        assertFalse(r.guestReader());
    }

    @Test
    void newlineBytesRewrittenByAsciiTransfer() throws Exception {
        Path f = sparse(dir, "ftp.vmdk");
        putByte(f, SparseHeader.OFF_NEWLINE + 2, '\n'); // fault: the \r of "\n \r\n" became \n (CRLF -> LF)
        assertTrue(run(f).has(VmdkCodes.HEADER_NEWLINE_CORRUPTED));
    }

    @Test
    void grainSizeNotAPowerOfTwo() throws Exception {
        Path f = sparse(dir, "g.vmdk");
        putLe64(f, SparseHeader.OFF_GRAIN_SIZE, 100); // fault: grainSize 100 sectors
        DriverRun r = run(f);
        assertTrue(r.has(VmdkCodes.HEADER_GRAIN_SIZE_INVALID), r::toString);
        assertFalse(r.guestReader());
    }

    @Test
    void gtesPerGtNot512() throws Exception {
        Path f = sparse(dir, "n.vmdk");
        putLe32(f, SparseHeader.OFF_GTES_PER_GT, 4096); // fault: numGTEsPerGT 4096 (QEMU: "L2 table size too big")
        DriverRun r = run(f);
        assertTrue(r.has(VmdkCodes.HEADER_GTES_PER_GT_INVALID), r::toString);
        assertFalse(r.guestReader());
    }

    @Test
    void capacityNeedingTooManyTables() throws Exception {
        Path f = sparse(dir, "c.vmdk");
        putLe64(f, SparseHeader.OFF_CAPACITY, 1L << 50); // fault: capacity 2^50 sectors
        assertTrue(run(f).has(VmdkCodes.HEADER_CAPACITY_INVALID));
    }

    @Test
    void uncleanShutdownIsAWarning() throws Exception {
        Path f = sparse(dir, "u.vmdk");
        putByte(f, SparseHeader.OFF_UNCLEAN, 1); // fault: uncleanShutdown = 1, as a crashed VM leaves it
        DriverRun r = run(f);
        assertEquals(Severity.WARNING, r.get(VmdkCodes.HEADER_UNCLEAN_SHUTDOWN).severity());
        assertTrue(r.guestReader(), "the disk is still readable");
    }

    @Test
    void unknownCompressionOnAStream() throws Exception {
        Path f = VmdkFixture.create(dir, "s.vmdk", "streamOptimized", "3M", "write -q -P 0xab 0 64k");
        VmdkFixture.put(f, SparseHeader.OFF_COMPRESS, new byte[] { 5, 0 }); // fault: compressAlgorithm 5
        DriverRun r = run(f);
        assertTrue(r.has(VmdkCodes.HEADER_COMPRESSION_UNKNOWN), r::toString);
        assertFalse(r.guestReader());
    }

    @Test
    void fileCutInsideTheHeader() throws Exception {
        Path f = sparse(dir, "t.vmdk");
        VmdkFixture.truncate(f, 300); // fault: only 300 of the 512 header bytes
        DriverRun r = run(f);
        assertEquals(FormatDriver.SCORE_LIKELY, r.score());
        assertTrue(r.has(VmdkCodes.FILE_TRUNCATED), r::toString);
    }

    @Test
    void streamWithVersionOne() throws Exception {
        Path f = VmdkFixture.create(dir, "old.vmdk", "streamOptimized", "3M", "write -q -P 0xab 0 64k");
        putLe32(f, SparseHeader.OFF_VERSION, 1); // fault: version 1, as some converters write it
        DriverRun r = run(f);
        assertEquals(Severity.WARNING, r.get(VmdkCodes.STREAM_VERSION_TOO_OLD).severity());
    }

    @Test
    void grainDirectoryPastTheEnd() throws Exception {
        Path f = sparse(dir, "gd.vmdk");
        putLe64(f, SparseHeader.OFF_GD, 1_000_000); // fault: gdOffset at sector 10^6, past the 192 KiB file
        DriverRun r = run(f);
        assertTrue(r.has(VmdkCodes.GD_OFFSET_INVALID), r::toString);
        assertFalse(r.guestReader());
    }

    @Test
    void embeddedDescriptorSizeTooLarge() throws Exception {
        Path f = sparse(dir, "d.vmdk");
        putLe64(f, SparseHeader.OFF_DESCRIPTOR_SIZE, 4096); // fault: descriptorSize 4096 sectors = 2 MiB
        assertTrue(run(f).has(VmdkCodes.DESCRIPTOR_TOO_LARGE));
    }
}
