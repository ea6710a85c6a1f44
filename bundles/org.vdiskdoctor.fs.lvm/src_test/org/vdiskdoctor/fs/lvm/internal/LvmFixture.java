// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.lvm.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Engines;

/**
 * LVM physical volumes written by {@link PvWriter} from the on-disk spec (pvcreate needs a block device, which this
 * machine has not), copied into GPT disks made by sgdisk, and the engine with the LVM probe. Tools, disks, byte
 * surgery and findings (and blkid's independent view of the same bytes) come from {@code org.vdiskdoctor.testing}.
 */
final class LvmFixture {

    static final String BUNDLE = "org.vdiskdoctor.fs.lvm";

    private LvmFixture() {
    }

    /** A GPT disk with one partition of {@code type} (sgdisk code, 8e00 Linux LVM) at 1 MiB holding {@code area}. */
    static Path gptDisk(Path dir, Path area, String type) throws IOException, InterruptedException {
        return Disks.gpt(dir.resolve("gpt-disk.img"), Files.size(area) + (2 << 20), area, type, null);
    }

    static SubjectResult diagnose(Path image) throws IOException {
        return Engines.diagnose(image, BUNDLE, new LvmProbe(), DeepCheck.OFF);
    }
}
