// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.layout.gpt.internal.GptFixture.codes;
import static org.vdiskdoctor.layout.gpt.internal.GptFixture.healthy;
import static org.vdiskdoctor.layout.gpt.internal.GptFixture.probe;
import static org.vdiskdoctor.layout.gpt.internal.GptProbeTest.LAST;
import static org.vdiskdoctor.layout.gpt.internal.GptProbeTest.agreesWithSgdisk;
import static org.vdiskdoctor.layout.gpt.internal.GptProbeTest.only;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.layout.gpt.GptCodes;

/**
 * Failure #37: disks resized after partitioning. Grown, the backup GPT is no longer at the end ("The backup GPT table
 * is not on the end of the device", "GPT PMBR size mismatch"); shrunk, it lies beyond the end. Cross-checked with
 * {@code sgdisk -v}.
 */
class GptResizeTest {

    @TempDir
    Path tmp;

    @Test
    void diskGrownByTruncate() throws Exception {
        Path f = healthy(tmp, "grown.img");
        // fault: 10 MiB appended (truncate -s +10M), as when a raw disk is enlarged: 151552 sectors now
        GptFixture.run("truncate", "-s", "+10M", f.toString());
        List<Finding> found = probe(f);
        Finding n = only(found, GptCodes.BACKUP_NOT_AT_END);
        assertEquals(Severity.WARNING, n.severity());
        assertTrue(n.message().contains("valid at guest LBA " + LAST) && n.message().contains("last LBA is 151551")
                && n.message().contains("grew by 10485760 bytes"), n.message());
        Finding m = only(found, GptCodes.PMBR_SIZE_MISMATCH);
        assertTrue(m.message().contains("GPT PMBR size mismatch (131071 != 151551)"), m.message());
        assertEquals(List.of(GptCodes.BACKUP_NOT_AT_END, GptCodes.PMBR_SIZE_MISMATCH, GptCodes.PARTITION_OFFSETS),
                codes(found));
        SgdiskVerdict v = agreesWithSgdisk(f, found);
        assertTrue(v.text().contains("doesn't reside\nat the end of the disk"), v.text());
    }


    @Test
    void diskGrownByQemuImgResize() throws Exception {
        Path f = healthy(tmp, "resized.img");
        // fault: qemu-img resize -f raw disk +32M, what a hypervisor admin does
        GptFixture.run("qemu-img", "resize", "-q", "-f", "raw", f.toString(), "+32M");
        List<Finding> found = probe(f);
        assertTrue(only(found, GptCodes.BACKUP_NOT_AT_END).message().contains("grew by 33554432 bytes"));
        only(found, GptCodes.PMBR_SIZE_MISMATCH);
        assertTrue(agreesWithSgdisk(f, found).reportsProblem());
    }


    @Test
    void diskShrunkPutsTheBackupBeyondTheEnd() throws Exception {
        Path f = healthy(tmp, "shrunk.img");
        // fault: cut to 52 MiB (truncate -s 52M): 106496 sectors, partition 3 (..104447) still fits
        GptFixture.run("truncate", "-s", "52M", f.toString());
        List<Finding> found = probe(f);
        Finding b = only(found, GptCodes.BACKUP_BEYOND_END);
        assertEquals(Severity.ERROR, b.severity());
        assertTrue(b.message().contains("backup header is at LBA " + LAST)
                && b.message().contains("only 106496 sectors")
                && b.message().contains("12582912 bytes smaller"), b.message());
        only(found, GptCodes.PMBR_SIZE_MISMATCH);
        assertFalse(codes(found).contains(GptCodes.BACKUP_HEADER_INVALID), "the beyond-end finding says it all");
        assertFalse(codes(found).contains(GptCodes.PARTITION_BEYOND_END), found::toString);
        assertTrue(agreesWithSgdisk(f, found).reportsProblem());
    }


    @Test
    void diskShrunkIntoAPartition() throws Exception {
        Path f = healthy(tmp, "shrunk2.img");
        // fault: cut to 40 MiB (81920 sectors): partition 3 (63488..104447) now ends past the disk
        GptFixture.run("truncate", "-s", "40M", f.toString());
        List<Finding> found = probe(f);
        only(found, GptCodes.BACKUP_BEYOND_END);
        assertTrue(only(found, GptCodes.PARTITION_BEYOND_END).message().contains("partition 3"));
        assertTrue(agreesWithSgdisk(f, found).reportsProblem());
    }
}
