// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ext4.internal;

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
import org.vdiskdoctor.fs.ext4.Ext4Codes;
import org.vdiskdoctor.testing.ByteSurgery;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Engines;
import org.vdiskdoctor.testing.Repo;

/** The bundle as the product sees it: its catalog, its DS descriptor, and that diagnosis never writes. */
class Ext4BundleTest {

    @TempDir
    Path tmp;

    @Test
    void catalogAndCodeConstantsMatch() throws Exception {
        Set<FindingCode> constants = new TreeSet<>();
        for (Field f : Ext4Codes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == FindingCode.class) {
                constants.add((FindingCode) f.get(null));
            }
        }
        Set<FindingCode> declared = new TreeSet<>();
        for (CatalogEntry e : Engines.diskCatalog("org.vdiskdoctor.fs.ext4").entries()) {
            if (!e.code().value().startsWith("fs.ext4.")) continue;
            declared.add(e.code());
            assertTrue(e.explanation().length() > 100, () -> e.code() + ": explanation too short to help");
        }
        assertEquals(constants, declared);
    }

    @Test
    void componentDescriptorAdvertisesTheProbe() throws Exception {
        // tycho-ds-plugin generates it from the @Component annotation before the tests run
        Path xml = Repo.root().resolve("bundles/org.vdiskdoctor.fs.ext4/target/classes/OSGI-INF/"
                + Ext4Probe.class.getName() + ".xml");
        String ds = Files.readString(xml);
        assertTrue(ds.contains("interface=\"" + VolumeProbe.class.getName() + "\""), ds);
        assertTrue(ds.matches("(?s).*<property name=\"" + VolumeProbe.ID_PROPERTY.replace(".", "\\.")
                + "\"[^>]*value=\"fs.ext4\".*"), ds);
        assertEquals("fs.ext4", new Ext4Probe().id());
    }

    @Test
    void diagnosisLeavesBytesAndTimeUntouched() throws Exception {
        Path fs = Ext4Fixture.small(tmp);
        Ext4Fixture.setPrimaryInt(fs, 0x60, ByteSurgery.getInt(fs, Ext4Fixture.SB + 0x60)
                | Features.INCOMPAT_RECOVER); // a journal to replay: a mount would write, we must not
        Path disk = Ext4Fixture.gptDisk(tmp, fs);
        Path qcow2 = Disks.qcow2(disk);
        for (Path image : new Path[] { disk, qcow2 }) {
            FileTime old = FileTime.fromMillis(1_000_000_000_000L);
            Files.setLastModifiedTime(image, old);
            byte[] before = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(image));
            assertTrue(Ext4Fixture.diagnose(image).has(Ext4Codes.NEEDS_RECOVERY));
            assertArrayEquals(before, MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(image)));
            assertEquals(old, Files.getLastModifiedTime(image));
        }
    }
}
