// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.fat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.fs.fat.internal.FsckFatReport.Kind;
import org.vdiskdoctor.testing.ByteSurgery;
import org.vdiskdoctor.testing.Tools;

/**
 * The reading of fsck.fat's text: on its real output for a fatal boot sector (standard error first, as in a pipe),
 * for two problems in a row, and in a seeded mutation loop that never throws.
 */
class FsckFatReportTest {

    @TempDir
    Path tmp;

    @Test
    void aFatalErrorBeforeTheVersionLineIsAProblemOfARunThatDidNotFinish() throws Exception {
        Path fs = FatFixture.fat32(tmp, "fs.img");
        ByteSurgery.write(fs, 16, (byte) 0); // fault: no FAT
        Tools.Run r = Tools.exec("fsck.fat", "-n", fs.toString());
        assertEquals(1, r.exit());
        FsckFatReport report = FsckFatReport.parse(r.out());
        assertTrue(report.version().startsWith("fsck.fat 4."), r.out());
        assertFalse(report.finished());
        assertEquals(List.of(new FsckFatReport.Issue(Kind.OTHER, "Currently, only 1 or 2 FATs are supported, not 0.")),
                report.issues());
    }

    @Test
    void blocksEndWhereTheNextProblemStartsAtTheMargin() {
        FsckFatReport r = FsckFatReport.parse("""
                fsck.fat 4.2 (2021-01-31)
                There are differences between boot sector and its backup.
                This is mostly harmless. Differences: (offset:original/backup)
                  65:01/00
                  Not automatically fixing this.
                Dirty bit is set. Fs was not properly unmounted and some data may be corrupt.
                 Automatically removing dirty bit.
                /A.TXT  and
                /B.TXT
                  share clusters.
                  Truncating second to 0 bytes.

                Leaving filesystem unchanged.
                f.img: 3 files, 2/80628 clusters
                """);
        assertEquals(List.of(Kind.BACKUP_BOOT_DIFFERS, Kind.DIRTY, Kind.OTHER),
                r.issues().stream().map(FsckFatReport.Issue::kind).toList());
        assertEquals("/A.TXT  and / /B.TXT / share clusters. / Truncating second to 0 bytes.",
                r.issues().get(2).text());
        assertEquals("3 files, 2/80628 clusters", r.summary());
    }

    @Test
    void mutatedTextNeverThrows() {
        String real = """
                fsck.fat 4.2 (2021-01-31)
                /FILE.TXT
                  File size is 1000 bytes, cluster chain length is 512 bytes.
                  Truncating file to 512 bytes.
                Free cluster summary wrong (80627 vs. really 80626)
                  Auto-correcting.

                Leaving filesystem unchanged.
                chain.img: 2 files, 2/80628 clusters
                """;
        Random random = new Random(0x5EED_FA7L);
        for (int i = 0; i < 20_000; i++) {
            char[] c = real.toCharArray();
            for (int k = random.nextInt(8); k >= 0; k--) {
                c[random.nextInt(c.length)] = "\n \t:/.0aF\r\u2028".charAt(random.nextInt(11));
            }
            String text = new String(c, 0, random.nextInt(c.length + 1));
            FsckFatReport r = FsckFatReport.parse(text);
            if (r.issues().isEmpty() && r.finished()) {
                assertTrue(text.contains("clusters"), text);
            }
        }
        assertNull(FsckFatReport.parse("").version());
        assertTrue(FsckFatReport.parse("").issues().isEmpty());
    }
}
