// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies a jar without its signature files. The JDK verifies a signed jar on the class path class by class, and its
 * AOT cache stores no class of a signed jar: {@code org.eclipse.osgi} comes signed from Maven Central, and its ~460
 * classes are most of what the command line loads before it does any work. The copy is the same code (the
 * per-entry digests stay in the manifest; without the signature files nothing reads them). Used by {@code
 * ./vdisk-doctor} once per product build, into the user's cache folder:
 * {@code java -cp org.vdiskdoctor.cli.boot.jar org.vdiskdoctor.cli.boot.Unsigned SIGNED.jar COPY.jar}.
 */
public final class Unsigned {

    private Unsigned() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: Unsigned SIGNED.jar COPY.jar");
            System.exit(64);
        }
        try {
            copy(Path.of(args[0]), Path.of(args[1]));
        } catch (IOException e) {
            System.err.println("vdisk-doctor: cannot copy " + args[0] + " to " + args[1] + ": " + e);
            System.exit(1);
        }
    }

    /**
     * Writes {@code target} through a temporary file beside it that is then linked into place: readers never see half
     * a jar, and a copy that another run put there first is kept (runs that started with it must keep seeing the same
     * file: the JVM's AOT cache records its size and time).
     */
    static void copy(Path signed, Path target) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".tmp");
        try {
            try (ZipFile in = new ZipFile(signed.toFile()); OutputStream os = Files.newOutputStream(tmp);
                    ZipOutputStream out = new ZipOutputStream(os)) {
                for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements();) {
                    ZipEntry entry = e.nextElement();
                    if (isSignature(entry.getName())) continue;
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    try (InputStream is = in.getInputStream(entry)) {
                        is.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            try {
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException e) {
                // another run made it first: use that one
            } catch (UnsupportedOperationException | IOException e) {
                if (!Files.exists(target)) Files.move(tmp, target); // no hard links here: a plain rename
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The files of a jar signature (JAR File Specification, "Signed JAR File"): META-INF/*.SF, .DSA, .RSA, .EC, SIG-*. */
    static boolean isSignature(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) return false;
        String file = upper.substring("META-INF/".length());
        return file.endsWith(".SF") || file.endsWith(".DSA") || file.endsWith(".RSA") || file.endsWith(".EC")
                || file.startsWith("SIG-");
    }
}
