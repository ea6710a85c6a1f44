// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule 1: diagnosis never changes a byte or a timestamp of any image it reads, chains included. */
class ReadOnlyTest {

    @Test
    void diagnoseAndInspectLeaveEverySampleUntouched(@TempDir Path tmp) throws Exception {
        // Work on a copy with old timestamps, so that any write, even of the same bytes, would show in the mtime.
        Path copy = tmp.resolve("samples");
        Files.createDirectories(copy);
        try (Stream<Path> s = Files.list(Cli.SAMPLES)) {
            for (Path p : s.toList()) {
                Path c = copy.resolve(p.getFileName());
                Files.copy(p, c);
                Files.setLastModifiedTime(c, FileTime.fromMillis(1_000_000_000_000L));
            }
        }
        Map<String, String> before = state(copy);
        assertEquals(2, Cli.run("diagnose", "--json", "--recursive", copy.toString()).exit());
        try (Stream<Path> s = Files.list(copy)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) Cli.run("inspect", p.toString());
        }
        assertEquals(before, state(copy));
    }

    private static Map<String, String> state(Path dir) throws IOException, Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                String hash = HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p)));
                m.put(p.getFileName().toString(), hash + " " + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return m;
    }
}
