// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.catalog.CatalogEntry;
import org.vdiskdoctor.core.spi.VolumeProbe;
import org.vdiskdoctor.fs.xfs.XfsCodes;
import org.vdiskdoctor.testing.Engines;
import org.vdiskdoctor.testing.Findings;
import org.vdiskdoctor.testing.Repo;

/** The bundle as the product sees it: its catalog, its DS descriptor, and that diagnosis never writes. */
class XfsBundleTest {

    @TempDir
    Path tmp;

    @Test
    void catalogAndCodeConstantsMatch() throws Exception {
        Set<FindingCode> constants = new TreeSet<>();
        for (Field f : XfsCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == FindingCode.class) {
                constants.add((FindingCode) f.get(null));
            }
        }
        Set<FindingCode> declared = new TreeSet<>();
        for (CatalogEntry e : Engines.diskCatalog("org.vdiskdoctor.fs.xfs").entries()) {
            if (!e.code().value().startsWith("fs.xfs.")) continue;
            declared.add(e.code());
            assertTrue(e.explanation().length() > 100, () -> e.code() + ": explanation too short to help");
            assertTrue(!e.title().isBlank(), e.code()::value);
        }
        assertEquals(constants, declared);
    }

    @Test
    void componentDescriptorAdvertisesTheProbe() throws Exception {
        // tycho-ds-plugin generates it from the @Component annotation before the tests run
        Path xml = Repo.root().resolve("bundles/org.vdiskdoctor.fs.xfs/target/classes/OSGI-INF/"
                + XfsProbe.class.getName() + ".xml");
        String ds = Files.readString(xml);
        assertTrue(ds.contains("interface=\"" + VolumeProbe.class.getName() + "\""), ds);
        assertTrue(ds.matches("(?s).*<property name=\"" + VolumeProbe.ID_PROPERTY.replace(".", "\\.")
                + "\"[^>]*value=\"fs.xfs\".*"), ds);
        assertEquals("fs.xfs", new XfsProbe().id());
    }

    @Test
    void diagnosisLeavesBytesAndMtimeUnchanged() throws Exception {
        Path fs = XfsFixture.filesystem(tmp, "fs.img");
        XfsFixture.putByte(fs, XfsFixture.AG_BYTES, 0); // a damaged secondary: the probe reports, never repairs
        Path disk = XfsFixture.partitioned(tmp, "disk.img", true, fs);
        Files.setLastModifiedTime(disk, FileTime.fromMillis(1_600_000_000_000L));
        String before = sha256(disk);
        SubjectResult r = XfsFixture.diagnose(disk);
        assertTrue(Findings.codes(r).contains(XfsCodes.SECONDARY_INVALID), r.findings()::toString);
        assertEquals(before, sha256(disk));
        assertEquals(FileTime.fromMillis(1_600_000_000_000L), Files.getLastModifiedTime(disk));
    }

    private static String sha256(Path f) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(f)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0;) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
