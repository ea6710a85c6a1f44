// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.qemuImg;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.run;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;
import org.vdiskdoctor.testing.DriverRun;

/**
 * The consistency check declines a file with more clusters than a third of the heap can count (about 4.2 bytes per
 * cluster, see {@link ConsistencyCheck}). The limit follows this JVM's -Xmx, so the test sizes a sparse file from
 * {@link Runtime#maxMemory()}: with surefire's 512 MiB heap and 512-byte clusters that is a hole of some 27 GB that
 * takes no disk space. The production limit is untouched.
 */
class Qcow2CheckTooLargeTest {

    @TempDir
    Path dir;

    @Test
    void fileWithMoreClustersThanTheHeapCanCountIsNotChecked() throws Exception {
        qemuImg(dir, "create", "-q", "-f", "qcow2", "-o", "cluster_size=512", "huge.qcow2", "1M");
        Path f = dir.resolve("huge.qcow2");
        long limitClusters = (long) (Runtime.getRuntime().maxMemory() / 3 / 4.2);
        long clusters = limitClusters + limitClusters / 4;
        // fault: the file extended (sparse, a hole of zeros) to 1.25 times the clusters the heap allows; the hole's
        // clusters are unreferenced with refcount 0, which is sound, so only the size makes the check decline
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(clusters * 512);
        }
        assertEquals(clusters * 512, Files.size(f));
        DriverRun r = run(f);
        Finding t = r.get(Qcow2Codes.CHECK_TOO_LARGE);
        assertEquals(Severity.INFO, t.severity());
        assertEquals(new Evidence(f, 0, 0), t.evidence().get(0));
        assertTrue(t.message().contains("the file has " + clusters + " clusters of 512 bytes")
                && t.message().contains("raise -Xmx") && t.message().contains("were not checked"), t::message);
        assertEquals(List.of(Qcow2Codes.CHECK_TOO_LARGE), r.codes(), r::toString);
    }
}
