// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.swap.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
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
import org.vdiskdoctor.fs.swap.SwapCodes;
import org.vdiskdoctor.testing.ByteSurgery;
import org.vdiskdoctor.testing.Disks;
import org.vdiskdoctor.testing.Engines;
import org.vdiskdoctor.testing.Repo;

/** The bundle as the product sees it: its catalog, its DS descriptor, and that diagnosis never writes. */
class SwapBundleTest {

    @TempDir
    Path tmp;

    @Test
    void catalogAndCodeConstantsMatch() throws Exception {
        Set<FindingCode> constants = new TreeSet<>();
        for (Field f : SwapCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == FindingCode.class) {
                constants.add((FindingCode) f.get(null));
            }
        }
        Set<FindingCode> declared = new TreeSet<>();
        for (CatalogEntry e : Engines.diskCatalog("org.vdiskdoctor.fs.swap").entries()) {
            if (!e.code().value().startsWith("fs.swap.")) continue;
            declared.add(e.code());
            assertTrue(e.explanation().length() > 100, () -> e.code() + ": explanation too short to help");
        }
        assertEquals(constants, declared);
    }

    @Test
    void componentDescriptorAdvertisesTheProbe() throws Exception {
        Path xml = Repo.root().resolve("bundles/org.vdiskdoctor.fs.swap/target/classes/OSGI-INF/"
                + SwapProbe.class.getName() + ".xml");
        String ds = Files.readString(xml);
        assertTrue(ds.contains("interface=\"" + VolumeProbe.class.getName() + "\""), ds);
        assertTrue(ds.matches("(?s).*<property name=\"" + VolumeProbe.ID_PROPERTY.replace(".", "\\.")
                + "\"[^>]*value=\"fs.swap\".*"), ds);
        assertEquals("fs.swap", new SwapProbe().id());
    }

    @Test
    void diagnosisLeavesBytesAndTimeUntouched() throws Exception {
        Path area = SwapFixture.mkswap(tmp, "swap.img");
        ByteSurgery.write(area, 4086, "S1SUSPEND\0".getBytes(StandardCharsets.US_ASCII));
        Path disk = SwapFixture.gptDisk(tmp, area, "8200");
        for (Path image : new Path[] { disk, Disks.qcow2(disk) }) {
            FileTime old = FileTime.fromMillis(1_000_000_000_000L);
            Files.setLastModifiedTime(image, old);
            byte[] before = Files.readAllBytes(image);
            assertTrue(SwapFixture.diagnose(image).has(SwapCodes.HIBERNATION));
            assertArrayEquals(before, Files.readAllBytes(image));
            assertEquals(old, Files.getLastModifiedTime(image));
        }
    }
}
