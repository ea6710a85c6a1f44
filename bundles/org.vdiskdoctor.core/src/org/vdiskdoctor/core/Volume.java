// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core;

/**
 * A byte range of the guest disk that may hold a filesystem: a partition found by a partition-table locator, or the
 * whole disk. Offsets are guest bytes (what {@code mount -o offset=} and {@code losetup -o} take).
 *
 * @param id stable within one result: {@code disk}, {@code gpt:2}, {@code mbr:5}
 * @param offset first guest byte
 * @param length bytes
 * @param scheme {@code disk}, {@code gpt} or {@code mbr} (or a third party's table)
 * @param label for people: {@code GPT partition 2 "root" (Linux filesystem)}
 * @param filesystem what a volume probe recognised there ({@code ext4}, {@code ntfs}, …), {@code null} when none did
 */
public record Volume(String id, long offset, long length, String scheme, String label, String filesystem) {

    public static final String WHOLE_DISK = "disk";

    /** The whole guest disk of {@code length} bytes. */
    public static Volume wholeDisk(long length) {
        return new Volume(WHOLE_DISK, 0, length, WHOLE_DISK, "whole disk", null);
    }

    public Volume withFilesystem(String fs) {
        return new Volume(id, offset, length, scheme, label, fs);
    }

    public boolean isWholeDisk() {
        return WHOLE_DISK.equals(scheme);
    }
}
