// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.catalog.CatalogEntry;
import org.vdiskdoctor.core.spi.VolumeProbe;
import org.vdiskdoctor.fs.ntfs.NtfsCodes;
import org.vdiskdoctor.testing.ByteSurgery;
import org.vdiskdoctor.testing.Engines;
import org.vdiskdoctor.testing.Findings;
import org.vdiskdoctor.testing.Repo;

/** The bundle as the product sees it: its catalog, its DS descriptor, and diagnosis that never writes. */
class NtfsBundleTest {

    @TempDir
    Path tmp;

    @Test
    void catalogAndCodeConstantsMatch() throws Exception {
        Set<FindingCode> constants = new TreeSet<>();
        for (Field f : NtfsCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == FindingCode.class) {
                constants.add((FindingCode) f.get(null));
            }
        }
        Set<FindingCode> declared = new TreeSet<>();
        for (CatalogEntry e : Engines.diskCatalog("org.vdiskdoctor.fs.ntfs").entries()) {
            if (!e.code().toString().startsWith("fs.ntfs.")) continue;
            declared.add(e.code());
            assertTrue(e.explanation().length() > 100, () -> e.code() + ": explanation too short to help");
        }
        assertEquals(constants, declared);
    }

    @Test
    void componentDescriptorAdvertisesTheProbe() throws Exception {
        // tycho-ds-plugin generates it from the @Component annotation before the tests run
        Path xml = Repo.root().resolve("bundles/org.vdiskdoctor.fs.ntfs/target/classes/OSGI-INF/"
                + NtfsProbe.class.getName() + ".xml");
        String ds = Files.readString(xml);
        assertTrue(ds.contains("interface=\"" + VolumeProbe.class.getName() + "\""), ds);
        assertTrue(ds.matches("(?s).*<property name=\"" + VolumeProbe.ID_PROPERTY.replace(".", "\\.")
                + "\"[^>]*value=\"fs.ntfs\".*"), ds);
        assertEquals("fs.ntfs", new NtfsProbe().id());
    }

    @Test
    void diagnosisNeverWrites() throws Exception {
        Path fs = NtfsFixture.ntfs(tmp, "fs.img");
        HiberfilWriter.write(fs, "hibr".getBytes(java.nio.charset.StandardCharsets.US_ASCII)); // ntfs-3g won't write
        ByteSurgery.write(fs, 4 * 4096 + 510, (byte) 0x77); // a torn record: a repair would rewrite it
        Path disk = NtfsFixture.partitioned(tmp, "disk.img", "gpt", NtfsFixture.ntfs(tmp, "fs2.img"));
        HiberfilWriter.write(NtfsFixture.ntfs(tmp, "fs3.img"), new byte[4]);
        for (Path p : new Path[] { fs, disk }) {
            FileTime past = FileTime.fromMillis(1_000_000_000_000L);
            Files.setLastModifiedTime(p, past);
            byte[] before = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
            assertTrue(Findings.codes(NtfsFixture.diagnose(p)).contains(NtfsCodes.FOUND));
            assertArrayEquals(before, MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
            assertEquals(past, Files.getLastModifiedTime(p));
        }
    }
}
