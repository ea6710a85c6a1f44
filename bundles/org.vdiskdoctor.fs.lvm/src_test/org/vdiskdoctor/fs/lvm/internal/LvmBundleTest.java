// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.lvm.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.catalog.CatalogEntry;
import org.vdiskdoctor.core.spi.VolumeProbe;
import org.vdiskdoctor.fs.lvm.LvmCodes;
import org.vdiskdoctor.testing.ByteSurgery;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Engines;
import org.vdiskdoctor.testing.Repo;

/** The bundle as the product sees it: its catalog, its DS descriptor, and that diagnosis never writes. */
class LvmBundleTest {

    @TempDir
    Path tmp;

    @Test
    void catalogAndCodeConstantsMatch() throws Exception {
        Set<FindingCode> constants = new TreeSet<>();
        for (Field f : LvmCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == FindingCode.class) {
                constants.add((FindingCode) f.get(null));
            }
        }
        Set<FindingCode> declared = new TreeSet<>();
        for (CatalogEntry e : Engines.diskCatalog("org.vdiskdoctor.fs.lvm").entries()) {
            if (!e.code().value().startsWith("fs.lvm.")) continue;
            declared.add(e.code());
            assertTrue(e.explanation().length() > 100, () -> e.code() + ": explanation too short to help");
        }
        assertEquals(constants, declared);
    }

    @Test
    void componentDescriptorAdvertisesTheProbe() throws Exception {
        Path xml = Repo.root().resolve("bundles/org.vdiskdoctor.fs.lvm/target/classes/OSGI-INF/"
                + LvmProbe.class.getName() + ".xml");
        String ds = Files.readString(xml);
        assertTrue(ds.contains("interface=\"" + VolumeProbe.class.getName() + "\""), ds);
        assertTrue(ds.matches("(?s).*<property name=\"" + VolumeProbe.ID_PROPERTY.replace(".", "\\.")
                + "\"[^>]*value=\"fs.lvm\".*"), ds);
        assertEquals("fs.lvm", new LvmProbe().id());
    }

    @Test
    void diagnosisLeavesBytesAndTimeUntouched() throws Exception {
        Path pv = PvWriter.pv(tmp, "pv.img");
        ByteSurgery.write(pv, PvWriter.MDA + 512, "vg1".getBytes());
        Path disk = LvmFixture.gptDisk(tmp, pv, "8e00");
        for (Path image : new Path[] { disk, Disks.qcow2(disk) }) {
            FileTime old = FileTime.fromMillis(1_000_000_000_000L);
            Files.setLastModifiedTime(image, old);
            byte[] before = Files.readAllBytes(image);
            assertTrue(LvmFixture.diagnose(image).has(LvmCodes.METADATA_CHECKSUM));
            assertArrayEquals(before, Files.readAllBytes(image));
            assertEquals(old, Files.getLastModifiedTime(image));
        }
    }
}
