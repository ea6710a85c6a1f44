// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.vhdx.internal.VhdxFixture.META;
import static org.vdiskdoctor.format.vhdx.internal.VhdxFixture.create;
import static org.vdiskdoctor.format.vhdx.internal.VhdxFixture.run;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.format.vhdx.VhdxCodes;
import org.vdiskdoctor.testing.DriverRun;

/**
 * Faults in the metadata region at 3 MiB. qemu-img's table lists File Parameters (entry 0, at table offset 32),
 * Virtual Disk Size (64), Page 83 (96), Logical (128) and Physical Sector Size (160); each entry is GUID (16),
 * Offset (4), Length (4), flags (4: IsUser 1, IsVirtualDisk 2, IsRequired 4). The metadata has no checksum.
 */
class VhdxMetadataFaultsTest {

    @TempDir
    Path dir;

    @Test
    void overwrittenSignatureHidesTheWholeTable() throws Exception {
        Path f = create(dir, "sig.vhdx", "8M");
        VhdxFixture.put(f, META, "METADATA".getBytes()); // fault: signature in the wrong case
        DriverRun r = run(f);
        assertTrue(r.has(VhdxCodes.METADATA_BAD_SIGNATURE), r::toString);
        assertFalse(r.guestReader());
    }

    @Test
    void missingVirtualDiskSizeItem() throws Exception {
        Path f = create(dir, "nosize.vhdx", "8M");
        VhdxFixture.put(f, META + 64, new byte[16]); // fault: Virtual Disk Size item's GUID zeroed
        DriverRun r = run(f);
        assertTrue(r.get(VhdxCodes.METADATA_ITEM_MISSING).message().contains("Virtual Disk Size"), r::toString);
        assertFalse(r.guestReader());
    }

    @Test
    void itemPastTheRegionIsABadRange() throws Exception {
        Path f = create(dir, "range.vhdx", "8M");
        VhdxFixture.putLe32(f, META + 96 + 16, 2 << 20); // fault: Page 83 item at +2 MiB of a 1 MiB region
        DriverRun r = run(f);
        assertTrue(r.get(VhdxCodes.METADATA_ITEM_RANGE).message().contains("Page 83 Data"), r::toString);
    }

    @Test
    void unknownRequiredItemIsRefused() throws Exception {
        Path f = create(dir, "unknown.vhdx", "8M");
        // fault: Page 83's GUID replaced by an unknown one; qemu-img marks it IsRequired (flags 6)
        VhdxFixture.put(f, META + 96, Guid.parse("01234567-89AB-CDEF-0123-456789ABCDEF").bytes());
        DriverRun r = run(f);
        assertTrue(r.has(VhdxCodes.METADATA_UNKNOWN_REQUIRED), r::toString);
        assertTrue(r.has(VhdxCodes.METADATA_ITEM_MISSING), r::toString); // Page 83 is now missing too
    }

    @Test
    void blockSizeThatIsNoPowerOfTwo() throws Exception {
        Path f = create(dir, "block.vhdx", "8M");
        long at = META + VhdxFixture.get(f, META + 32 + 16, 4).getInt(0);
        VhdxFixture.putLe32(f, at, 3 << 20); // fault: BlockSize 3 MiB
        DriverRun r = run(f);
        assertTrue(r.get(VhdxCodes.METADATA_BAD_VALUE).message().contains("BlockSize is 3145728"), r::toString);
        assertFalse(r.guestReader());
    }
}
