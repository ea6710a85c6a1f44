// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.vdi.internal.GuestFixture.assertReadsLikeQemu;
import static org.vdiskdoctor.format.vdi.internal.VdiFixture.create;
import static org.vdiskdoctor.format.vdi.internal.VdiFixture.entry;
import static org.vdiskdoctor.format.vdi.internal.VdiFixture.putInt;
import static org.vdiskdoctor.format.vdi.internal.VdiFixture.qemuIo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.testing.GuestReads;
import org.vdiskdoctor.testing.GuestReads.Opened;

/** Guest reads of dynamic and fixed images compared byte for byte with {@code qemu-img convert -O raw}. */
class VdiGuestReadTest {

    @TempDir
    Path dir;

    @Test
    void dynamicImageReadsLikeQemu() throws Exception {
        Path f = create(dir, "dyn.vdi", "7M");
        // data across block boundaries, out of guest order (data blocks are allocated in write order)
        qemuIo(f, "write -q -P 0xab 5M 64k", "write -q -P 0x11 0 4k", "write -q -P 0x22 1023k 2k",
                "write -q -P 0x33 7167k 1k");
        assertReadsLikeQemu(f, "dynamic image");
    }

    @Test
    void fixedImageReadsLikeQemu() throws Exception {
        Path f = create(dir, "fixed.vdi", "3M", "-o", "static=on");
        qemuIo(f, "write -q -P 0x5a 100k 1M", "write -q -P 0x6b 2M 512");
        assertReadsLikeQemu(f, "fixed image");
    }

    @Test
    void oddDiskSizeReadsLikeQemu() throws Exception {
        Path f = create(dir, "odd.vdi", "2M");
        qemuIo(f, "write -q -P 0x77 1M 1M");
        VdiFixture.putLong(f, VdiHeader.OFF_DISK_SIZE, (2 << 20) - 100); // fault: size not whole sectors
        byte[] expected = GuestFixture.qemuGuest(f);
        try (Opened o = GuestFixture.open(f)) {
            GuestReads.assertSameGuest(expected, GuestReads.readAll(o.guest(), 65536), "odd size, rounded up");
        }
    }

    @Test
    void zeroEntryReadsZerosLikeQemu() throws Exception {
        Path f = create(dir, "zero.vdi", "3M");
        qemuIo(f, "write -q -P 0x11 0 3M");
        // surgery: block 1 marked zero (0xFFFFFFFE, discarded); its data block stays behind, full of 0x11
        putInt(f, entry(f, 1), 0xFFFFFFFEL);
        byte[] expected = GuestFixture.qemuGuest(f);
        try (Opened o = GuestFixture.open(f)) {
            byte[] ours = GuestReads.readAll(o.guest(), 300_000);
            GuestReads.assertSameGuest(expected, ours, "zero block");
            assertEquals(0, ours[(1 << 20) + 5]);
            assertEquals(0x11, ours[5]);
        }
    }

    @Test
    void readsOfACutOffBlockFailNamingIt() throws Exception {
        Path f = VdiFixture.dynamic(dir, "cut.vdi");
        VdiFixture.truncate(f, 0x400 + (1 << 20)); // fault: data of guest block 3 cut off
        try (Opened o = GuestFixture.open(f)) {
            ByteBuffer b = ByteBuffer.allocate(512);
            o.guest().readGuest(0, b);
            assertEquals((byte) 0xab, b.get(0));
            IOException e = assertThrows(IOException.class, () -> o.guest().readGuest(3 << 20,
                    ByteBuffer.allocate(512)));
            assertTrue(e.getMessage().contains("block 3") && e.getMessage().contains("cut short"), e.getMessage());
            assertThrows(IOException.class, () -> o.guest().readGuest(5 << 20, ByteBuffer.allocate(1)));
        }
    }
}
