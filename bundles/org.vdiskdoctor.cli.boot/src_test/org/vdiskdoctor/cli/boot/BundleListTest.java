// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bundles.info as p2 writes it, and what a damaged or hostile one gets: a clear reason, never a bundle outside. */
class BundleListTest {

    @TempDir
    Path product;

    @BeforeEach
    void plugins() throws IOException {
        Files.createDirectories(product.resolve("plugins"));
        for (String jar : List.of("org.apache.felix.scr_2.2.18.jar", "org.vdiskdoctor.cli_0.1.0.v1.jar",
                "org.eclipse.osgi_3.24.jar", "org.vdiskdoctor.cli.boot_0.1.0.v1.jar")) {
            Files.writeString(product.resolve("plugins").resolve(jar), "jar");
        }
    }

    private List<BundleList.Entry> parse(String... lines) throws LaunchException {
        return BundleList.parse(List.of(lines), product, "bundles.info");
    }

    private String failure(String... lines) {
        return assertThrows(LaunchException.class, () -> parse(lines)).getMessage();
    }

    @Test
    void readsWhatP2WritesAndLeavesOutTheLaunchBundles() throws Exception {
        List<BundleList.Entry> list = parse("#encoding=UTF-8", "#version=1",
                "org.apache.felix.scr,2.2.18,plugins/org.apache.felix.scr_2.2.18.jar,2,true",
                "org.eclipse.osgi,3.24.0,plugins/org.eclipse.osgi_3.24.jar,-1,true",
                "org.vdiskdoctor.cli,0.1.0.v1,plugins/org.vdiskdoctor.cli_0.1.0.v1.jar,4,false",
                "org.vdiskdoctor.cli.boot,0.1.0.v1,plugins/org.vdiskdoctor.cli.boot_0.1.0.v1.jar,4,false", "");
        assertEquals(List.of("org.apache.felix.scr", "org.vdiskdoctor.cli"),
                list.stream().map(BundleList.Entry::name).toList());
        BundleList.Entry scr = list.get(0);
        assertEquals(2, scr.startLevel());
        assertTrue(scr.autoStart());
        assertEquals(product.resolve("plugins/org.apache.felix.scr_2.2.18.jar").toAbsolutePath(), scr.file());
        assertTrue(scr.location().startsWith("reference:file:/"), scr.location());
    }

    @Test
    void aLocationOutsideTheProductIsRefused() throws IOException {
        Files.writeString(product.resolveSibling(product.getFileName() + "-evil.jar"), "jar");
        String why = failure("evil,1.0,../" + product.getFileName() + "-evil.jar,4,true");
        assertTrue(why.contains("outside the product"), why);
        assertTrue(failure("evil,1.0,/etc/passwd,4,true").contains("outside the product"));
    }

    @Test
    void damagedLinesSayWhichLineAndWhy() {
        assertTrue(failure("a,1.0,plugins/x.jar,4").contains("line 1: expected name,version"));
        assertTrue(failure("#c", "a,1.0,plugins/org.vdiskdoctor.cli_0.1.0.v1.jar,four,true").contains("line 2"));
        assertTrue(failure("a,1.0,plugins/org.vdiskdoctor.cli_0.1.0.v1.jar,0,true").contains("not in 1..100"));
        assertTrue(failure("a,1.0,plugins/org.vdiskdoctor.cli_0.1.0.v1.jar,4,yes").contains("autoStart"));
        assertTrue(failure("a,1.0,plugins/missing.jar,4,true").contains("is missing"));
        assertTrue(failure("#only comments").contains("names no bundle"));
    }

    @Test
    void anEndlessListIsCutShort() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i <= BundleList.MAX_BUNDLES; i++) {
            lines.add("b" + i + ",1.0,plugins/org.vdiskdoctor.cli_0.1.0.v1.jar,4,false");
        }
        String why = assertThrows(LaunchException.class, () -> BundleList.parse(lines, product, "x")).getMessage();
        assertTrue(why.contains("more than " + BundleList.MAX_BUNDLES), why);
    }

    @Test
    void theFingerprintChangesWithAnyField() throws Exception {
        String base = BundleList.fingerprint(parse("a,1.0,plugins/org.vdiskdoctor.cli_0.1.0.v1.jar,4,false"));
        assertEquals(base, BundleList.fingerprint(parse("a,1.0,plugins/org.vdiskdoctor.cli_0.1.0.v1.jar,4,false")));
        for (String other : List.of("b,1.0,plugins/org.vdiskdoctor.cli_0.1.0.v1.jar,4,false",
                "a,1.1,plugins/org.vdiskdoctor.cli_0.1.0.v1.jar,4,false",
                "a,1.0,plugins/org.apache.felix.scr_2.2.18.jar,4,false",
                "a,1.0,plugins/org.vdiskdoctor.cli_0.1.0.v1.jar,3,false",
                "a,1.0,plugins/org.vdiskdoctor.cli_0.1.0.v1.jar,4,true")) {
            assertNotEquals(base, BundleList.fingerprint(parse(other)), other);
        }
    }

    @Test
    void theBeginningStartLevelComesFromTheFingerprintAndIsBounded() throws Exception {
        String fp = BundleList.fingerprint(parse(
                "org.apache.felix.scr,2.2.18,plugins/org.apache.felix.scr_2.2.18.jar,2,true",
                "org.vdiskdoctor.cli,0.1.0.v1,plugins/org.vdiskdoctor.cli_0.1.0.v1.jar,4,false"));
        assertEquals(4, BundleList.topLevel(fp));
        assertEquals(1, BundleList.topLevel(""));
        assertEquals(1, BundleList.topLevel("garbage\nmore,garbage,x,y,z\n"));
        assertEquals(100, BundleList.topLevel("a,1,/x.jar,999999,true\n"));
    }
}
