// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.launch.FrameworkFactory;

/** The unsigned copy of the framework jar: the same classes and manifest, no signature, never half written. */
class UnsignedTest {

    /** The signed org.eclipse.osgi jar from Maven Central, on this test's class path. */
    private static Path signedFramework() throws Exception {
        return Path.of(FrameworkFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static byte[] read(JarFile jar, JarEntry e) throws IOException {
        try (InputStream in = jar.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theCopyHoldsEveryEntryButTheSignatureAndTheJdkSeesNoSigner(@TempDir Path tmp) throws Exception {
        Path signed = signedFramework();
        Path copy = tmp.resolve("org.eclipse.osgi.jar");
        Unsigned.copy(signed, copy);
        List<String> dropped = new ArrayList<>();
        try (JarFile in = new JarFile(signed.toFile(), true); JarFile out = new JarFile(copy.toFile(), true)) {
            JarEntry someClass = null;
            for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                JarEntry mine = out.getJarEntry(entry.getName());
                if (Unsigned.isSignature(entry.getName())) {
                    dropped.add(entry.getName());
                    assertNull(mine, entry.getName());
                    continue;
                }
                assertNotNull(mine, entry.getName());
                byte[] original = read(in, entry); // reading a signed entry verifies it and sets its signers
                assertArrayEquals(original, read(out, mine), entry.getName());
                assertNull(mine.getCodeSigners(), "signed in the copy: " + entry.getName());
                if (someClass == null && entry.getName().endsWith(".class")) someClass = entry;
            }
            assertFalse(dropped.isEmpty(), "the jar from Maven Central is signed: this test must see a signature");
            assertNotNull(someClass);
            assertNotNull(someClass.getCodeSigners(), "the original's classes are signed");
            assertEquals(in.getManifest().getMainAttributes(), out.getManifest().getMainAttributes());
        }
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(copy), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aBrokenSourceLeavesNoTarget(@TempDir Path tmp) throws IOException {
        Path broken = Files.writeString(tmp.resolve("broken.jar"), "not a zip");
        Path copy = tmp.resolve("copy.jar");
        try {
            Unsigned.copy(broken, copy);
        } catch (IOException expected) {
            // the caller runs with the signed jar
        }
        assertFalse(Files.exists(copy));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(broken), files.toList());
        }
    }

    @Test
    void signatureFilesAreTheOnesTheJarSpecificationNames() {
        for (String s : List.of("META-INF/ECLIPSE_.SF", "META-INF/ECLIPSE_.RSA", "META-INF/A.DSA", "META-INF/a.ec",
                "META-INF/SIG-FOO")) {
            assertTrue(Unsigned.isSignature(s), s);
        }
        for (String s : List.of("META-INF/MANIFEST.MF", "META-INF/services/x.SF", "org/x/Y.SF", "META-INF/x.sfx")) {
            assertFalse(Unsigned.isSignature(s), s);
        }
    }
}
